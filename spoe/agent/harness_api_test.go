package agent

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"
)

// getAnomalies fetches /api/v1/anomalies.
func getAnomalies(base string) (anomaliesResponse, error) {
	var body anomaliesResponse
	resp, err := http.Get(base + "/api/v1/anomalies")
	if err != nil {
		return body, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return body, fmt.Errorf("GET /api/v1/anomalies: %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return body, fmt.Errorf("decode anomalies: %w", err)
	}
	return body, nil
}

// reportMatch selects anomalies.
type reportMatch func(Report) bool

// waitFor polls the API every 25ms until pick selects a report from the
// active (or, with resolved, the recent) list, or the timeout passes. It
// returns the report and when the poll saw it.
func waitFor(t *testing.T, base string, resolved bool, timeout time.Duration, pick reportMatch) (Report, time.Time, bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		body, err := getAnomalies(base)
		if err != nil {
			t.Fatalf("anomalies API: %v", err)
		}
		list := body.Active
		if resolved {
			list = body.Recent
		}
		for _, r := range list {
			if pick(r) {
				return r, time.Now(), true
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	return Report{}, time.Time{}, false
}

// forServer selects anomalies of backend/server with one of the causes.
func forServer(backend, server string, causes ...string) reportMatch {
	return func(r Report) bool {
		if r.Backend != backend || r.Server != server {
			return false
		}
		for _, c := range causes {
			if r.Cause == c {
				return true
			}
		}
		return len(causes) == 0
	}
}

package agent

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/alertmanager"
	"github.com/hapguard/hapguard/spoe/detect"
	"github.com/hapguard/hapguard/spoe/event"
)

// fakeAlertmanager records the alerts POSTed to /api/v2/alerts.
type fakeAlertmanager struct {
	mu     sync.Mutex
	alerts []map[string]any
}

func (f *fakeAlertmanager) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var batch []map[string]any
	if r.Method != http.MethodPost || r.URL.Path != "/api/v2/alerts" || json.NewDecoder(r.Body).Decode(&batch) != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	f.alerts = append(f.alerts, batch...)
	f.mu.Unlock()
}

func (f *fakeAlertmanager) waitFor(t *testing.T, n int) []map[string]any {
	t.Helper()
	for range 250 {
		f.mu.Lock()
		got := append([]map[string]any(nil), f.alerts...)
		f.mu.Unlock()
		if len(got) >= n {
			return got
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("fewer than %d alerts received", n)
	return nil
}

func TestAlertNotifierFiresAndResolves(t *testing.T) {
	fake := &fakeAlertmanager{}
	srv := httptest.NewServer(fake)
	defer srv.Close()
	client, err := alertmanager.New(alertmanager.Config{URL: srv.URL}, prometheus.NewRegistry(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go client.Run(ctx)

	r := reportOf(detect.Anomaly{State: detect.StateFiring, Kind: "consecutive_5xx", Backend: "be_app", Server: "s1",
		Cause: event.CauseInvalidResponse, Message: "server s1 in be_app sent responses HAProxy rejected as invalid (PH, 5 of 5 errors, 5 in a row): run 'show errors'",
		NextStep: "run 'show errors'", FiringSince: time.Now()})
	n := alertNotifier{client: client, instance: "lb1:9412"}
	n.Notify(r)
	fake.waitFor(t, 1)
	r.State, r.ResolvedAt = StateResolved, time.Now()
	n.Notify(r)
	got := fake.waitFor(t, 2)

	wantLabels := map[string]any{"alertname": "HapguardAnomaly", "severity": "warning", "backend": "be_app",
		"server": "s1", "kind": "consecutive_5xx", "cause": "invalid_response", "instance": "lb1:9412"}
	for i, a := range got[:2] {
		if diff := cmp.Diff(wantLabels, a["labels"]); diff != "" {
			t.Errorf("alert %d labels (-want +got):\n%s", i, diff)
		}
	}
	wantAnnotations := map[string]any{
		"summary":     "consecutive_5xx on be_app/s1: HAProxy rejected the server's response as invalid (PH)",
		"description": r.Message, "next_step": "run 'show errors'",
	}
	if diff := cmp.Diff(wantAnnotations, got[0]["annotations"]); diff != "" {
		t.Errorf("annotations: the summary is the short line, the description the full one (-want +got):\n%s", diff)
	}
	endsAt, _ := time.Parse(time.RFC3339Nano, got[1]["endsAt"].(string))
	if endsAt.After(time.Now()) {
		t.Errorf("resolved alert endsAt %v is in the future", endsAt)
	}
}

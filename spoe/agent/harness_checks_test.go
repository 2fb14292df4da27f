package agent

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/agent/internal/backendpool"
)

// checkNoWaitOnAgent requires that the typical request is faster than
// maxMedian and none took two seconds. With a live agent maxMedian is the
// SPOE processing timeout (50ms), which a request waiting on the agent would
// add. The bounds are generous on purpose: this is an acceptance check on a
// possibly busy machine, not a benchmark.
func checkNoWaitOnAgent(t *testing.T, outcomes []outcome, maxMedian time.Duration) {
	t.Helper()
	if len(outcomes) == 0 {
		t.Error("no requests")
		return
	}
	took := make([]time.Duration, len(outcomes))
	for i, o := range outcomes {
		took[i] = o.took
	}
	slices.Sort(took)
	median, slowest := took[len(took)/2], took[len(took)-1]
	t.Logf("%d requests: median %v, slowest %v", len(took), median, slowest)
	if median >= maxMedian || slowest >= 2*time.Second {
		t.Errorf("requests waited: median %v (want < %v), slowest %v (want < 2s)", median, maxMedian, slowest)
	}
}

func setMode(t *testing.T, st *stack, server string, m backendpool.Mode) {
	t.Helper()
	var err error
	if server == "" {
		err = st.pool.SetAll(m)
	} else {
		err = st.pool.Server(server).Set(m)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// checkOthersServed requires that the healthy servers answered, with 200,
// most requests not routed to the faulty one.
func checkOthersServed(t *testing.T, outcomes []outcome, faulty string) {
	t.Helper()
	served := 0
	for _, o := range outcomes {
		if o.status == 200 && o.server != "" && o.server != faulty {
			served++
		}
	}
	if served*2 < len(outcomes) {
		t.Errorf("during the fault only %d of %d requests were served by healthy servers", served, len(outcomes))
	}
}

// waitQuiet waits until no anomaly is active, so phases do not overlap.
func waitQuiet(t *testing.T, st *stack, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var active []Report
	for time.Now().Before(deadline) {
		body, err := getAnomalies(st.api)
		if err != nil {
			t.Fatal(err)
		}
		if active = body.Active; len(active) == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	kinds := slices.Collect(func(yield func(string) bool) {
		for _, r := range active {
			yield(r.Kind + " " + r.Backend + "/" + r.Server)
		}
	})
	t.Fatalf("anomalies still active %v after healing: %v", timeout, kinds)
}

// statusCounts summarises outcomes as "status/server" -> count.
func statusCounts(outcomes []outcome) map[string]int {
	m := make(map[string]int)
	for _, o := range outcomes {
		m[fmt.Sprintf("%d/%s", o.status, o.server)]++
	}
	return m
}

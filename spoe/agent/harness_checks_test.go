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

// maxMissingVerdicts is the share of responses allowed to lack the verdict
// header: HAProxy goes on without it when the agent does not answer within
// the engine's "timeout processing" (50ms), which happens on a machine
// busy with two HAProxy+agent stacks at ~200 requests/s each.
const maxMissingVerdicts = 0.2

// checkVerdictOnErrors requires the verdict header on the 5xx once the
// anomaly fired, HAProxy's own 502/503/504 included (http-after-response
// runs on them; the request-side SPOE message set the variable), all but
// maxMissingVerdicts of them, and a verdict other than ok on some.
func checkVerdictOnErrors(t *testing.T, outcomes []outcome) {
	t.Helper()
	errors, missing, flagged := 0, 0, 0
	for _, o := range outcomes {
		if o.status < 500 {
			continue
		}
		errors++
		switch o.verdict {
		case "":
			missing++
		case "ok":
		default:
			flagged++
		}
	}
	t.Logf("5xx after firing: %d, %d without a verdict header, %d with a verdict other than ok", errors, missing, flagged)
	if float64(missing) > maxMissingVerdicts*float64(errors) || (errors > 0 && flagged == 0) {
		t.Errorf("verdict header on 5xx after firing: %d of %d missing, %d not ok (want at most %.0f%% missing, some not ok)",
			missing, errors, flagged, 100*maxMissingVerdicts)
	}
}

// checkNoStaleVerdict requires that, from a second after the fault healed
// until its anomaly resolved, every 200 a server sent carried the verdict
// ok: the anomaly waits out resolve_after, the verdict does not.
func checkNoStaleVerdict(t *testing.T, outcomes []outcome, r Report) {
	t.Helper()
	stale := map[string]int{}
	served, missing := 0, 0
	for _, o := range outcomes {
		if o.status != 200 || o.server == "" {
			continue
		}
		served++
		switch o.verdict {
		case "ok":
		case "":
			missing++
		default:
			stale[o.server+":"+o.verdict]++
		}
	}
	t.Logf("healthy responses between recovery and resolution of %s: %d, %d without a verdict, stale verdicts %v",
		r.Kind, served, missing, stale)
	if len(stale) > 0 || float64(missing) > maxMissingVerdicts*float64(served) {
		t.Errorf("after recovery: stale verdicts %v, %d of %d without a verdict", stale, missing, served)
	}
}

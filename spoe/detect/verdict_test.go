package detect

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hapguard/hapguard/spoe/event"
)

func TestVerdicts(t *testing.T) {
	s := newSim(t, Config{})
	s.run(30, 200, healthy)
	s.run(3, 200, onServer("s2", serverError(503)))
	s.state("", event.StateDown, "") // backend-wide no_server too
	s.tick()
	got := map[string]string{}
	for _, k := range [][2]string{{"be_api", "s1"}, {"be_api", "s2"}, {"be_api", ""}, {"be_other", "s1"}} {
		got[k[0]+"/"+k[1]] = s.d.Verdict(k[0], k[1])
	}
	want := map[string]string{
		"be_api/s1": "ok", // its latest response was good: the backend's verdict is not its

		"be_api/s2":   "consecutive_5xx", // its own wins
		"be_api/":     "no_server",
		"be_other/s1": "ok",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("verdicts (-want +got):\n%s", diff)
	}
	if allocs := testing.AllocsPerRun(100, func() { s.d.Verdict("be_api", "s1") }); allocs != 0 {
		t.Errorf("Verdict allocates %v times", allocs)
	}
}

// TestVerdictConcurrentWithTick runs readers against a changing detector;
// it is meant for -race.
func TestVerdictConcurrentWithTick(t *testing.T) {
	s := newSim(t, Config{})
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
					_ = s.d.Verdict("be_api", "s2")
					_ = s.d.Active()
				}
			}
		})
	}
	s.run(10, 100, healthy)
	s.run(5, 100, onServer("s2", serverError(502)))
	close(stop)
	wg.Wait()
	if v := s.d.Verdict("be_api", "s2"); v != string(KindConsecutive5xx) {
		t.Errorf("verdict = %q, want consecutive_5xx", v)
	}
}

// TestNoStaleVerdictAfterRecovery: once the fault stops, responses are
// marked ok again at once, while the anomaly itself stays firing until
// ResolveAfter of clean time has passed.
func TestNoStaleVerdictAfterRecovery(t *testing.T) {
	s := newSim(t, Config{})
	s.run(30, 200, healthy)
	s.run(3, 200, onServer("s2", serverError(503)))
	if v := s.d.Verdict("be_api", "s2"); v != string(KindConsecutive5xx) {
		t.Fatalf("during the fault: verdict %q, want consecutive_5xx", v)
	}
	if v := s.d.Verdict("be_api", ""); v != string(KindConsecutive5xx) {
		t.Errorf("during the fault, server not known yet: verdict %q, want its server's consecutive_5xx", v)
	}
	s.run(1, 200, healthy)
	if v := s.d.Verdict("be_api", "s2"); v != VerdictOK {
		t.Errorf("after recovery: verdict %q, want ok", v)
	}
	if len(s.d.Active()) == 0 {
		t.Errorf("the anomaly resolved at once; it should wait for ResolveAfter")
	}
	s.run(3, 200, onServer("s2", serverError(503)))
	if v := s.d.Verdict("be_api", "s2"); v != string(KindConsecutive5xx) {
		t.Errorf("when the fault returns: verdict %q, want consecutive_5xx", v)
	}
}

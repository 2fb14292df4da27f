package detect

import (
	"strings"
	"testing"

	"github.com/hapguard/hapguard/spoe/event"
)

// refusedAll makes every server refuse (SC, seen in the log).
func refusedAll(s *sim, sec, i int, e *event.Event) bool {
	healthy(s, sec, i, e)
	logged(503, "SC", event.CauseConnRefused)(e)
	return true
}

// TestOutageNeverResolvesTheRatio: servers start refusing (error_ratio on
// the backend), then every server is DOWN and HAProxy answers <NOSRV>: the
// ratio counts <NOSRV> on both sides, so it reads 100% and stays firing
// until traffic is served again; both resolved messages give the episode's
// totals, which match what was sent.
func TestOutageNeverResolvesTheRatio(t *testing.T) {
	s := newSim(t, Config{})
	s.run(20, 100, healthy)
	s.run(3, 100, refusedAll)
	if s.firstAt(KindErrorRatio, "", StateFiring) < 0 {
		t.Fatalf("transitions %v: want error_ratio firing on the backend", outlines(s.got))
	}
	s.run(10, 100, noServer)
	if at := s.firstAt(KindErrorRatio, "", StateResolved); at >= 0 {
		t.Fatalf("error_ratio resolved at %ds, during the total outage", at)
	}
	s.run(12, 100, healthy)
	var ratio, nosrv *Anomaly
	for i := range s.got {
		a := &s.got[i].Anomaly
		switch {
		case a.State != StateResolved || a.Server != "":
		case a.Kind == KindErrorRatio:
			ratio = a
		case a.Kind == KindNoServer:
			nosrv = a
		}
	}
	if ratio == nil || nosrv == nil {
		t.Fatalf("transitions %v: want error_ratio and no_server resolved", outlines(s.got))
	}
	// 300 refused and 1000 <NOSRV> were sent; the episode starts with the
	// window that raised it, so it holds every one of them.
	if ep := ratio.Episode; ep.Errors < 1300 || ep.NoServer != 1000 || ep.CauseErrors != 300 {
		t.Errorf("error_ratio episode %+v: want the 300 SC and 1000 <NOSRV> errors", ep)
	}
	if !strings.Contains(ratio.Message, "(1000 of them <NOSRV>), 300 with cause SC") || !strings.Contains(ratio.Message, "peak 100.0%") {
		t.Errorf("error_ratio resolved message %q: want the episode's totals and its 100%% peak", ratio.Message)
	}
	if ep := nosrv.Episode; ep.NoServer != 1000 {
		t.Errorf("no_server episode %+v: want the 1000 <NOSRV> answers", ep)
	}
	t.Logf("resolved: %s", ratio.Message)
	t.Logf("resolved: %s", nosrv.Message)
}

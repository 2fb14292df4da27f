package detect

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hapguard/hapguard/spoe/event"
)

// borderline makes every server fail at a rate that alternates every four
// seconds between 3% and 7.5%: the window's ratio swings across the 5%
// threshold, spread over the servers.
func borderline(s *sim, sec, i int, e *event.Event) bool {
	healthy(s, sec, i, e)
	e.Status = 200
	every := 40
	if sec%8 < 4 {
		every = 15
	}
	if (i/3)%every == 0 { // the same rate on every server
		e.Status = 503
	}
	return true
}

func TestBorderlineRateDoesNotFlap(t *testing.T) {
	s := newSim(t, Config{})
	s.run(30, 200, healthy)
	s.run(60, 200, borderline)
	during := outlines(s.got)
	want := []outline{{0, KindErrorRatio, "", StateFiring, event.CauseServerStatus}}
	if diff := cmp.Diff(want, during, cmpopts.IgnoreFields(outline{}, "At")); diff != "" || during[0].At > 40 {
		t.Fatalf("transitions at a borderline rate (-want +got):\n%s", diff)
	}
	s.run(20, 200, healthy)
	got := outlines(s.got)
	if n := len(got); n != 2 || got[1].State != StateResolved || got[1].At > 100 {
		t.Errorf("after recovery: %v, want one resolution within 10s", got)
	}
	if st := s.d.Stats(); st.Unconfirmed > 2 {
		t.Errorf("%d pending anomalies came and went: the condition flickers", st.Unconfirmed)
	}
	a := s.got[0].Anomaly
	if a.Message == "" || a.Samples < 20 || a.Observed < a.Threshold {
		t.Errorf("firing anomaly %+v lacks its evidence", a)
	}
	t.Log(a.Message)
}

// belowThreshold fails at 3%: under the 5% floor, never an anomaly.
func belowThreshold(s *sim, sec, i int, e *event.Event) bool {
	healthy(s, sec, i, e)
	if (i/3)%33 == 0 { // every 33rd request of each server
		e.Status = 502
	}
	return true
}

func TestSteadyLowErrorRateRaisesNothing(t *testing.T) {
	s := newSim(t, Config{})
	s.run(90, 200, belowThreshold)
	if len(s.got) != 0 {
		t.Fatalf("3%% errors raised %v", outlines(s.got))
	}
}

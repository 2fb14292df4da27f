package detect

import (
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// activeOfKind runs 30 healthy seconds, then fault for three seconds (and
// during, if set), and returns the active anomaly of the given kind.
func activeOfKind(t *testing.T, fault traffic, during func(s *sim), kind Kind) Anomaly {
	t.Helper()
	s := newSim(t, Config{})
	s.run(30, 200, healthy)
	s.run(3, 200, fault)
	if during != nil {
		during(s)
		s.tick()
	}
	active := s.d.Active()
	for _, a := range active {
		if a.Kind == kind {
			return a
		}
	}
	t.Fatalf("no %s among active %+v", kind, active)
	return Anomaly{}
}

func TestProbableCauseWording(t *testing.T) {
	race := func(s *sim, sec, i int, e *event.Event) bool {
		healthy(s, sec, i, e)
		if (i/3)%5 == 0 { // 20% of every server's requests, connection reused
			logged(502, "SH", event.CauseServerAbort)(e)
		}
		return true
	}
	timeout := onServer("s1", func(e *event.Event) {
		logged(504, "sH", event.CauseServerTimeout)(e)
		e.Timings.Total = 30 * time.Second
	})
	refused := onServer("s3", func(e *event.Event) {
		logged(503, "SC", event.CauseConnRefused)(e)
		e.Timings.Connect = -1
	})
	tests := []struct {
		name   string
		fault  traffic
		during func(s *sim)
		kind   Kind
		want   []string
	}{
		{"keep-alive race", race, nil, KindErrorRatio,
			[]string{"3 servers of be_api closed idle keep-alive connections HAProxy reused", "retry-on conn-failure empty-response"}},
		{"slow application", timeout, nil, KindConsecutive5xx,
			[]string{"server s1 in be_api did not answer within 'timeout server' (sH after ~30s", "raise this backend's 'timeout server'"}},
		{"died before checks", refused, func(s *sim) { s.state("s3", event.StateDown, "L4CON") }, KindServerDown,
			[]string{"server s3 in be_api went DOWN after", "(SC,", "option redispatch"}},
		{"health check wrong status", healthy, func(s *sim) {
			s.state("s1", event.StateDown, "L7STS")
			s.state("", event.StateDown, "")
		}, KindNoServer, []string{"backend be_api has no server UP; last failed check L7STS", "check definition"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := activeOfKind(t, tt.fault, tt.during, tt.kind)
			t.Log(a.Message)
			for _, w := range tt.want {
				if !strings.Contains(a.Message, w) {
					t.Errorf("%s message %q lacks %q", a.Kind, a.Message, w)
				}
			}
			if !strings.Contains(a.Message, a.NextStep) {
				t.Errorf("message %q does not end with its next step %q", a.Message, a.NextStep)
			}
		})
	}
}

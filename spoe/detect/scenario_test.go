package detect

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/hapguard/hapguard/spoe/event"
)

// outline is what a scenario asserts about each transition.
type outline struct {
	At     int
	Kind   Kind
	Server string
	State  State
	Cause  event.Cause
}

func outlines(got []stamped) []outline {
	out := []outline{}
	for _, g := range got {
		a := g.Anomaly
		out = append(out, outline{g.At, a.Kind, a.Server, a.State, a.Cause})
	}
	return out
}

// serverError makes a server answer status itself (seen by SPOE).
func serverError(status int) func(e *event.Event) {
	return func(e *event.Event) { e.Status = status }
}

// logged turns a transaction into what the log input reports, with cause.
func logged(status int, ts string, cause event.Cause) func(e *event.Event) {
	return func(e *event.Event) {
		e.Source, e.Status, e.Cause = event.SourceLog, status, cause
		e.TermState = [2]byte{ts[0], ts[1]}
		e.Timings = event.Timings{Request: 0, Queue: 0, Connect: 0, Response: -1, Total: 3 * time.Millisecond}
	}
}

func noServer(s *sim, sec, i int, e *event.Event) bool {
	healthy(s, sec, i, e)
	logged(503, "SC", event.CauseNoServer)(e)
	e.Server = event.NoServer
	return true
}

func slow(e *event.Event) { e.Timings.Response = 600 * time.Millisecond }

func TestScenarios(t *testing.T) {
	tests := []struct {
		name  string
		fault traffic
		// during runs inside the fault phase, e.g. to send state changes.
		during func(s *sim)
		want   []outline
	}{
		{
			name:  "server answers 503",
			fault: onServer("s2", serverError(503)),
			want: []outline{
				{32, KindConsecutive5xx, "s2", StateFiring, event.CauseServerStatus},
				{52, KindConsecutive5xx, "s2", StateResolved, event.CauseServerStatus},
			},
		},
		{
			name:  "server becomes slow",
			fault: onServer("s3", slow),
			want: []outline{
				{32, KindLatencySpike, "s3", StateFiring, event.CauseNone},
				{54, KindLatencySpike, "s3", StateResolved, event.CauseNone},
			},
		},
		{
			name:  "server aborts before headers",
			fault: onServer("s2", logged(502, "SH", event.CauseServerAbort)),
			want: []outline{
				{32, KindConsecutive5xx, "s2", StateFiring, event.CauseServerAbort},
				{52, KindConsecutive5xx, "s2", StateResolved, event.CauseServerAbort},
			},
		},
		{
			name:  "no server available",
			fault: noServer,
			want: []outline{
				{32, KindNoServer, "", StateFiring, event.CauseNoServer},
				{54, KindNoServer, "", StateResolved, event.CauseNoServer},
			},
		},
		{
			name:   "server DOWN on the runtime API",
			fault:  healthy,
			during: func(s *sim) { s.state("s2", event.StateDown, "L4CON") },
			want: []outline{
				{31, KindServerDown, "s2", StateFiring, event.CauseServerDown},
				{46, KindServerDown, "s2", StateResolved, event.CauseServerDown},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSim(t, Config{})
			s.run(30, 200, healthy)
			if len(s.got) != 0 {
				t.Fatalf("healthy phase raised %v", outlines(s.got))
			}
			if tt.during != nil {
				tt.during(s)
			}
			s.run(15, 200, tt.fault)
			if tt.during != nil {
				s.state("s2", event.StateUp, "L7OK")
			}
			s.run(20, 200, healthy)
			for _, g := range s.got {
				t.Logf("%ds %s: %s", g.At, g.Anomaly.State, g.Anomaly.Message)
			}
			if diff := cmp.Diff(tt.want, outlines(s.got)); diff != "" {
				t.Errorf("transitions (-want +got):\n%s", diff)
			}
			if active := s.d.Active(); len(active) != 0 {
				t.Errorf("still active after recovery: %v", active)
			}
		})
	}
}

func TestHealthyTrafficRaisesNothing(t *testing.T) {
	s := newSim(t, Config{})
	s.run(120, 200, healthy)
	if len(s.got) != 0 || len(s.d.Active()) != 0 {
		t.Fatalf("healthy traffic raised %v, active %v", outlines(s.got), s.d.Active())
	}
	if st := s.d.Stats(); st.Counted != 120*200 || st.Keys != 4 {
		t.Errorf("stats = %+v, want 24000 counted over 4 keys", st)
	}
}

func TestMessageNamesCauseAndStep(t *testing.T) {
	s := newSim(t, Config{})
	s.run(30, 200, healthy)
	s.run(3, 200, onServer("s2", logged(502, "SH", event.CauseServerAbort)))
	active := s.d.Active()
	if len(active) != 1 {
		t.Fatalf("active = %v, want one anomaly", active)
	}
	msg := active[0].Message
	for _, want := range []string{"server s2 in be_api closed connections before sending headers (SH, ", "check the application's crash/restart logs"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

// TestSubSecondTicksDetectFaster ticks four times a second: durations are
// measured in time, so a 503 burst fires ConfirmFor after it is first seen,
// well within two seconds of its onset.
func TestSubSecondTicksDetectFaster(t *testing.T) {
	s := newSim(t, Config{})
	s.ticks = 4
	s.run(30, 200, healthy)
	s.run(5, 200, onServer("s2", serverError(503)))
	s.run(20, 200, healthy)
	if len(s.got) != 2 {
		t.Fatalf("transitions %v, want one firing and one resolution", outlines(s.got))
	}
	onset, fired := 30*time.Second, s.got[0].Offset
	t.Logf("fired %v after onset", fired-onset)
	if a := s.got[0].Anomaly; a.Kind != KindConsecutive5xx || fired-onset > 1500*time.Millisecond {
		t.Errorf("%s fired %v after onset, want consecutive_5xx within 1.5s", a.Kind, fired-onset)
	}
}

func TestFiringAnomalyInFull(t *testing.T) {
	s := newSim(t, Config{})
	s.run(30, 200, healthy)
	s.run(2, 200, onServer("s2", serverError(503)))
	if len(s.got) != 1 {
		t.Fatalf("transitions %v, want one", outlines(s.got))
	}
	step := "check the application's own logs for the failing requests"
	want := Transition{From: StatePending, Anomaly: Anomaly{
		ID: "be_api/s2/consecutive_5xx#1", Kind: KindConsecutive5xx, Backend: "be_api", Server: "s2",
		State: StateFiring, Observed: 134, Threshold: 5, Peak: 134, Unit: "errors", Samples: 268,
		Cause: event.CauseServerStatus, CauseErrors: 134, Errors: 134,
		Message:   "server s2 in be_api answered with 5xx statuses (5xx, 134 of 134 errors, 134 in a row): " + step,
		NextStep:  step,
		Episode:   Episode{Requests: 268, Errors: 67, CauseErrors: 67}, // so far: the seconds up to two before now
		FirstSeen: start.Add(31 * time.Second), FiringSince: start.Add(32 * time.Second),
	}}
	got := s.got[0].Transition
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Anomaly{}, "LastSeen")); diff != "" {
		t.Errorf("firing transition (-want +got):\n%s", diff)
	}
}

// TestOneFailingServerIsOneReport: at low traffic no server reaches the
// error-ratio volume on its own while the backend does; the errors of one
// server are still that server's consecutive_5xx, not a second,
// backend-wide error_ratio report.
func TestOneFailingServerIsOneReport(t *testing.T) {
	s := newSim(t, Config{})
	s.run(30, 6, healthy)
	s.run(15, 6, onServer("s2", logged(502, "PH", event.CauseInvalidResponse)))
	s.run(20, 6, healthy)
	for _, g := range s.got {
		if g.Anomaly.Server == "" {
			t.Errorf("%ds: backend-wide %s %s for errors of server s2 alone: %s",
				g.At, g.Anomaly.Kind, g.Anomaly.State, g.Anomaly.Message)
		}
	}
	if s.firstAt(KindConsecutive5xx, "s2", StateFiring) < 0 {
		t.Errorf("s2's consecutive_5xx never fired: %v", outlines(s.got))
	}
}

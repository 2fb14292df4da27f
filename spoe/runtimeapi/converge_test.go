package runtimeapi

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/spoe/event"
)

func backendRow(name string) Row {
	return Row{Proxy: name, Name: "BACKEND", Type: RowBackend, Status: "UP"}
}

// TestTrackerConverges: the latest poll is the truth. A server or backend
// that disappears is reported removed; after the first poll a server seen
// for the first time is reported whatever its state, so an UP server clears
// what was believed about an earlier one of the same name.
func TestTrackerConverges(t *testing.T) {
	tr := newTracker()
	t1, t2, t3 := t0.Add(time.Second), t0.Add(2*time.Second), t0.Add(3*time.Second)
	removed := func(backend, server string, at time.Time) event.Event {
		return removedEvent(BackendServer{backend, server}, at)
	}
	steps := []struct {
		at   time.Time
		rows []Row
		want []event.Event
	}{
		{t0, []Row{backendRow("be"), server("be", "s1", "DOWN", "L4CON"), server("be", "s2", "UP", "L4OK"),
			backendRow("be_dead"), server("be_dead", "d1", "DOWN", "L4CON")},
			[]event.Event{serverEv("be", "s1", event.StateDown, "L4CON", t0), serverEv("be_dead", "d1", event.StateDown, "L4CON", t0),
				backendEv("be_dead", true, t0)}},
		{t1, // reload: s1 and be_dead are gone
			[]Row{backendRow("be"), server("be", "s2", "UP", "L4OK")},
			[]event.Event{removed("be", "s1", t1), removed("be_dead", "d1", t1), removed("be_dead", "", t1)}},
		{t2, // s1 is back, UP
			[]Row{backendRow("be"), server("be", "s1", "UP", "L4OK"), server("be", "s2", "UP", "L4OK")},
			[]event.Event{serverEv("be", "s1", event.StateUp, "L4OK", t2)}},
		{t3, // nothing changed
			[]Row{backendRow("be"), server("be", "s1", "UP", "L4OK"), server("be", "s2", "UP", "L4OK")},
			nil},
	}
	for i, s := range steps {
		got, _ := tr.observe(Stat{Rows: s.rows}, s.at)
		if diff := cmp.Diff(s.want, got, eventOpts); diff != "" {
			t.Errorf("poll %d: events (-want +got):\n%s", i, diff)
		}
	}
}

// TestAttemptEvents: failed connection attempts (econ+wretr) and layer-4
// check failures of a server still UP become
// KindFailedAttempts events with the cause the check status names.
func TestAttemptEvents(t *testing.T) {
	tr := newTracker()
	row := func(status, check string, c Counters) Row {
		r := server("be", "s1", status, check)
		r.Counters = c
		return r
	}
	tr.observe(Stat{Pid: 1, Rows: []Row{row("UP", "L4OK", Counters{})}}, t0)
	got, _ := tr.observe(Stat{Pid: 1, Rows: []Row{row("UP 1/2", "L4CON", Counters{ConnectErrors: 1, Retries: 3, CheckFailures: 1, ResponseErrors: 2})}}, t0.Add(time.Second))
	var summary []string
	for _, e := range got {
		if e.Kind == event.KindFailedAttempts {
			summary = append(summary, e.Cause.String()+" "+string(rune('0'+e.Count)))
		}
	}
	want := []string{"connection_refused 5"}
	if diff := cmp.Diff(want, summary); diff != "" {
		t.Errorf("attempt events (-want +got):\n%s", diff)
	}
	got, _ = tr.observe(Stat{Pid: 1, Rows: []Row{row("UP 1/2", "L4TOUT", Counters{ConnectErrors: 2, Retries: 3, CheckFailures: 1, ResponseErrors: 2})}}, t0.Add(2*time.Second))
	if len(got) != 2 || got[1].Cause != event.CauseConnectTimeout || got[1].Count != 1 {
		t.Errorf("after an L4TOUT check: %+v, want one connect_timeout attempt", got)
	}
	got, _ = tr.observe(Stat{Pid: 1, Rows: []Row{row("DOWN", "L4TOUT", Counters{ConnectErrors: 2, Retries: 3, CheckFailures: 5, ResponseErrors: 2})}}, t0.Add(3*time.Second))
	for _, e := range got {
		if e.Kind == event.KindFailedAttempts {
			t.Errorf("check failures of a DOWN server counted as attempts: %+v", e)
		}
	}
}

// TestPollerSpeedsUpWhileServersFail: with a one-second interval, a poll
// that sees a server failing brings the next polls 100ms apart, for two
// seconds; quiet polls keep the interval.
func TestPollerSpeedsUpWhileServersFail(t *testing.T) {
	quiet := answer(1, "be,s1,UP,L4OK,0,2")
	failing := answer(1, "be,s1,DOWN,L4CON,0,2")
	fs := newFakeSocket(t, func(n int) string {
		if n == 1 {
			return failing
		}
		return quiet
	})
	runPoller(t, Config{Address: fs.path, Interval: time.Second}, event.NewQueue(64))
	time.Sleep(1500 * time.Millisecond)
	// Polls: 0 at once, 1 at 1s (the failure), then every 100ms.
	if n := fs.conns.Load(); n < 5 {
		t.Errorf("%d polls in 1.5s, want the fast pace (at least 5) after the failure", n)
	}
}

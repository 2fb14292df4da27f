package runtimeapi

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hapguard/hapguard/spoe/event"
)

// eventOpts compares events, whose UniqueID has unexported fields.
var eventOpts = cmpopts.EquateComparable(event.UniqueID{})

var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func server(backend, name, status, check string) Row {
	return Row{Proxy: backend, Name: name, Type: RowServer, Status: status, CheckStatus: check}
}

func serverEv(backend, name string, state event.ServerState, check string, at time.Time) event.Event {
	cause := event.CauseNone
	if state == event.StateDown {
		cause = event.CauseServerDown
	}
	return event.Event{Time: at, Kind: event.KindServerState, Source: event.SourceRuntime,
		Backend: backend, Server: name, State: state, CheckStatus: check, Cause: cause, Timings: event.Unknown}
}

func backendEv(backend string, down bool, at time.Time) event.Event {
	return backendEvent(backend, down, at)
}

func TestTrackerTransitions(t *testing.T) {
	tr := newTracker()
	t1, t2, t3 := t0.Add(time.Second), t0.Add(2*time.Second), t0.Add(3*time.Second)
	steps := []struct {
		at   time.Time
		rows []Row
		want []event.Event
	}{
		{t0, // baseline: UP and MAINT are silent, an existing DOWN is reported
			[]Row{server("be", "s1", "UP", "L4OK"), server("be", "s2", "DOWN", "L4CON"), server("ops", "m", "MAINT", "")},
			[]event.Event{serverEv("be", "s2", event.StateDown, "L4CON", t0), backendEv("ops", true, t0)}},
		{t1, // failing checks while still UP, then nothing new on the next poll
			[]Row{server("be", "s1", "UP 2/3", "L4TOUT"), server("be", "s2", "DOWN", "L4CON"), server("ops", "m", "MAINT", "")},
			[]event.Event{serverEv("be", "s1", event.StateUp, "L4TOUT", t1)}},
		{t2, // the last server goes DOWN: the backend has none UP (server events come first);
			// a DRAIN server takes no new traffic, so "ops" still has none
			[]Row{server("be", "s1", "DOWN", "L4TOUT"), server("be", "s2", "DOWN", "L4CON"), server("ops", "m", "DRAIN", "")},
			[]event.Event{serverEv("be", "s1", event.StateDown, "L4TOUT", t2), serverEv("ops", "m", event.StateDrain, "", t2),
				backendEv("be", true, t2)}},
		{t3, // recovery
			[]Row{server("be", "s1", "UP", "L4OK"), server("be", "s2", "DOWN", "L4CON"), server("ops", "m", "UP", "")},
			[]event.Event{serverEv("be", "s1", event.StateUp, "L4OK", t3), serverEv("ops", "m", event.StateUp, "", t3),
				backendEv("be", false, t3), backendEv("ops", false, t3)}},
	}
	for i, s := range steps {
		got, _ := tr.observe(Stat{Rows: s.rows}, s.at)
		if diff := cmp.Diff(s.want, got, eventOpts); diff != "" {
			t.Errorf("poll %d events (-want +got):\n%s", i, diff)
		}
	}
}

func TestTrackerDeltasAndReload(t *testing.T) {
	tr := newTracker()
	be := Row{Proxy: "be", Name: "BACKEND", Type: RowBackend}
	poll := func(pid int, at time.Time, c Counters) Delta {
		r := be
		r.Counters = c
		_, d := tr.observe(Stat{Pid: pid, Rows: []Row{r}}, at)
		return d
	}
	key := BackendServer{Backend: "be"}
	steps := []struct {
		pid  int
		c    Counters
		want Delta
	}{
		{10, Counters{HTTP5xx: 5, Sessions: 3},
			Delta{Reset: true, Counters: map[BackendServer]Counters{key: {Sessions: 3}}}},
		{10, Counters{HTTP5xx: 9, ConnectErrors: 2, Sessions: 1},
			Delta{Elapsed: time.Second, Counters: map[BackendServer]Counters{key: {HTTP5xx: 4, ConnectErrors: 2, Sessions: 1}}}},
		{11, Counters{HTTP5xx: 12}, // reload: new pid, even though counters went up
			Delta{Elapsed: time.Second, Reload: true, Reset: true, Counters: map[BackendServer]Counters{key: {}}}},
		{11, Counters{HTTP5xx: 1}, // "clear counters": went down, no negative delta
			Delta{Elapsed: time.Second, Reset: true, Counters: map[BackendServer]Counters{key: {}}}},
		{11, Counters{HTTP5xx: 3},
			Delta{Elapsed: time.Second, Counters: map[BackendServer]Counters{key: {HTTP5xx: 2}}}},
	}
	for i, s := range steps {
		at := t0.Add(time.Duration(i) * time.Second)
		s.want.Time = at
		if diff := cmp.Diff(s.want, poll(s.pid, at, s.c)); diff != "" {
			t.Errorf("poll %d delta (-want +got):\n%s", i, diff)
		}
	}
}

func TestTrackerForgetsRemovedServers(t *testing.T) {
	tr := newTracker()
	tr.observe(Stat{Rows: []Row{server("be", "s1", "UP", ""), server("be", "s2", "UP", "")}}, t0)
	tr.observe(Stat{Rows: []Row{server("be", "s1", "UP", "")}}, t0.Add(time.Second))
	got, _ := tr.observe(Stat{Rows: []Row{server("be", "s1", "UP", ""), server("be", "s2", "DOWN", "L4CON")}}, t0)
	want := []event.Event{serverEv("be", "s2", event.StateDown, "L4CON", t0)}
	if diff := cmp.Diff(want, got, eventOpts); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if len(tr.servers) != 2 {
		t.Errorf("tracked servers = %d, want 2", len(tr.servers))
	}
}

func TestParseServerStatus(t *testing.T) {
	for in, want := range map[string]event.ServerState{
		"UP": event.StateUp, "UP 2/3": event.StateUp, "no check": event.StateUp,
		"DOWN": event.StateDown, "DOWN 1/2": event.StateDown, "DOWN (agent)": event.StateDown,
		"MAINT": event.StateMaint, "MAINT (via be/s1)": event.StateMaint, "MAINT(resolution)": event.StateMaint,
		"DRAIN": event.StateDrain, "DRAIN 2/3": event.StateDrain, "NOLB": event.StateNoLB,
		"": event.StateUnknown, "OPEN": event.StateUnknown, "up": event.StateUnknown,
	} {
		if got := ParseServerStatus(in); got != want {
			t.Errorf("ParseServerStatus(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestTrackerIgnoresPassingCheckChanges(t *testing.T) {
	tr := newTracker()
	tr.observe(Stat{Rows: []Row{server("be", "s1", "UP", "INI")}}, t0)
	if got, _ := tr.observe(Stat{Rows: []Row{server("be", "s1", "UP", "L4OK")}}, t0); len(got) != 0 {
		t.Errorf("INI -> L4OK emitted %d events, want none", len(got))
	}
	got, _ := tr.observe(Stat{Rows: []Row{server("be", "s1", "UP 2/3", "L7STS")}}, t0)
	want := []event.Event{serverEv("be", "s1", event.StateUp, "L7STS", t0)}
	if diff := cmp.Diff(want, got, eventOpts); diff != "" {
		t.Errorf("L4OK -> L7STS events (-want +got):\n%s", diff)
	}
}

package runtimeapi

import (
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// serverState is what a server transition is judged on: the check status
// matters as much as the state ("UP 2/3" with L4CON is an early warning).
type serverState struct {
	state event.ServerState
	check string
}

// tracker turns successive polls into state-change events and counter
// deltas. It is used from the poller's goroutine only.
type tracker struct {
	polled     bool
	pid        int
	lastPoll   time.Time
	servers    map[BackendServer]serverState
	noServerUp map[string]bool
	counters   map[BackendServer]Counters
}

func newTracker() *tracker {
	return &tracker{
		servers:    map[BackendServer]serverState{},
		noServerUp: map[string]bool{},
		counters:   map[BackendServer]Counters{},
	}
}

// observe compares a poll with the previous one. A server or backend seen
// for the first time (the first poll included) produces an event only if
// it is already failing: a server DOWN, a backend without any server UP.
func (t *tracker) observe(st Stat, now time.Time) ([]event.Event, Delta) {
	events := t.serverEvents(st, now)
	events = append(events, t.backendEvents(st, now)...)
	delta := t.deltas(st, now)
	t.polled, t.pid, t.lastPoll = true, st.Pid, now
	return events, delta
}

// serverEvents emits one event per server whose state or check status
// changed. Servers removed at runtime are forgotten.
func (t *tracker) serverEvents(st Stat, now time.Time) []event.Event {
	var events []event.Event
	seen := make(map[BackendServer]serverState, len(t.servers))
	for _, r := range st.Rows {
		if r.Type != RowServer {
			continue
		}
		cur := serverState{state: r.State(), check: r.CheckStatus}
		prev, known := t.servers[r.Key()]
		seen[r.Key()] = cur
		if (known && changed(prev, cur)) || (!known && cur.state == event.StateDown) {
			events = append(events, serverEvent(r, cur, now))
		}
	}
	t.servers = seen
	return events
}

// changed reports a transition worth an event: a new state, or a check
// status that starts or stops failing or fails differently. A check moving
// between passing forms (INI -> L4OK) is not news.
func changed(prev, cur serverState) bool {
	if prev.state != cur.state {
		return true
	}
	return prev.check != cur.check && (checkFailing(prev.check) || checkFailing(cur.check))
}

// checkFailing reports whether a check status names a failure (L4CON,
// L4TOUT, L6RSP, L7STS, SOCKERR, ...) rather than a pass or no result yet.
func checkFailing(check string) bool {
	switch check {
	case "", "UNK", "INI", "L4OK", "L6OK", "L7OK", "L7OKC":
		return false
	}
	return true
}

func serverEvent(r Row, s serverState, now time.Time) event.Event {
	cause := event.CauseNone
	if s.state == event.StateDown {
		cause = event.CauseServerDown
	}
	return event.Event{
		Time: now, Kind: event.KindServerState, Source: event.SourceRuntime,
		Backend: r.Proxy, Server: r.Name, Timings: event.Unknown, Cause: cause,
		State: s.state, CheckStatus: s.check, CheckDesc: r.CheckDesc,
	}
}

// backendEvents emits the "no server UP" condition of each backend that
// has servers, and its recovery.
func (t *tracker) backendEvents(st Stat, now time.Time) []event.Event {
	var order []string
	serving := map[string]bool{}
	for _, r := range st.Rows {
		if r.Type != RowServer {
			continue
		}
		if _, ok := serving[r.Proxy]; !ok {
			order = append(order, r.Proxy)
		}
		serving[r.Proxy] = serving[r.Proxy] || isServing(r.State())
	}
	var events []event.Event
	seen := make(map[string]bool, len(order))
	for _, backend := range order {
		down := !serving[backend]
		prev, known := t.noServerUp[backend]
		seen[backend] = down
		if (known && prev != down) || (!known && down) {
			events = append(events, backendEvent(backend, down, now))
		}
	}
	t.noServerUp = seen
	return events
}

func backendEvent(backend string, down bool, now time.Time) event.Event {
	e := event.Event{
		Time: now, Kind: event.KindServerState, Source: event.SourceRuntime,
		Backend: backend, Timings: event.Unknown, State: event.StateUp,
	}
	if down {
		e.State, e.Cause = event.StateDown, event.CauseNoServerUp
	}
	return e
}

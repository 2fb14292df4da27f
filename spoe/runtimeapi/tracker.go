package runtimeapi

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// serverState is what a server transition is judged on: the check status
// matters as much as the state ("UP 2/3" with L4CON is an early warning).
type serverState struct {
	state event.ServerState
	check string
}

// tracker turns successive polls into state-change events, failed-attempt
// events and counter deltas. The latest poll is the truth: a server or
// backend missing from it has left HAProxy's configuration. It is used
// from the poller's goroutine only.
type tracker struct {
	polled     bool
	pid        int
	lastPoll   time.Time
	servers    map[BackendServer]serverState
	backends   map[string]bool // present backends: whether none of their servers is UP
	noServerUp map[string]bool // of those with servers, the condition as last reported
	counters   map[BackendServer]Counters
	stalls     stalls
}

func newTracker() *tracker {
	return &tracker{
		servers:    map[BackendServer]serverState{},
		backends:   map[string]bool{},
		noServerUp: map[string]bool{},
		counters:   map[BackendServer]Counters{},
	}
}

// observe compares a poll with the previous one. A server seen for the
// first time produces an event with its state (so that a server back UP
// clears what the agent still believed about an earlier one of the same
// name), except on the very first poll, where only failing servers and
// backends are reported; a server or backend that is gone produces a
// StateRemoved event.
func (t *tracker) observe(st Stat, now time.Time) ([]event.Event, Delta) {
	delta := t.deltas(st, now)
	events := t.serverEvents(st, now)
	events = append(events, t.backendEvents(st, now)...)
	events = append(events, t.attemptEvents(st, delta, now)...)
	t.polled, t.pid, t.lastPoll = true, st.Pid, now
	return events, delta
}

// serverEvents emits one event per server whose state or check status
// changed, that appeared, or that is gone.
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
		switch {
		case known && changed(prev, cur),
			!known && (t.polled || cur.state == event.StateDown):
			events = append(events, serverEvent(r, cur, now))
		}
	}
	for _, key := range sortedKeys(t.servers) {
		if _, ok := seen[key]; !ok {
			events = append(events, removedEvent(key, now))
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

// removedEvent says that a server (or, with Server "", a backend) is no
// longer in HAProxy's configuration.
func removedEvent(key BackendServer, now time.Time) event.Event {
	return event.Event{
		Time: now, Kind: event.KindServerState, Source: event.SourceRuntime,
		Backend: key.Backend, Server: key.Server, Timings: event.Unknown, State: event.StateRemoved,
	}
}

// backendEvents emits the "no server UP" condition of each backend that
// has servers, its recovery, and the removal of backends that are gone.
func (t *tracker) backendEvents(st Stat, now time.Time) []event.Event {
	present := map[string]bool{} // backend -> some server UP
	var order []string
	note := func(backend string) {
		if _, ok := present[backend]; !ok {
			present[backend] = false
			order = append(order, backend)
		}
	}
	hasServers := map[string]bool{}
	for _, r := range st.Rows {
		note(r.Proxy)
		if r.Type == RowServer {
			hasServers[r.Proxy] = true
			present[r.Proxy] = present[r.Proxy] || isServing(r.State())
		}
	}
	var events []event.Event
	seen := make(map[string]bool, len(order))
	for _, backend := range order {
		if !hasServers[backend] {
			continue
		}
		down := !present[backend]
		prev, known := t.noServerUp[backend]
		seen[backend] = down
		if (known && prev != down) || (!known && down) {
			events = append(events, backendEvent(backend, down, now))
		}
	}
	for _, backend := range slices.Sorted(maps.Keys(t.backends)) {
		if _, ok := present[backend]; !ok {
			events = append(events, removedEvent(BackendServer{Backend: backend}, now))
		}
	}
	t.noServerUp, t.backends = seen, present
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

// sortedKeys returns the keys of m in backend, server order, so that
// events come out in a stable order.
func sortedKeys[V any](m map[BackendServer]V) []BackendServer {
	keys := slices.Collect(maps.Keys(m))
	slices.SortFunc(keys, func(a, b BackendServer) int {
		return cmp.Or(cmp.Compare(a.Backend, b.Backend), cmp.Compare(a.Server, b.Server))
	})
	return keys
}

package agent

import (
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// TestRemovedServersLateLines: a late log line of a removed server counts
// for its backend only, one of a removed backend not at all; a server seen
// again is attributed again; removals are forgotten after the grace period.
func TestRemovedServersLateLines(t *testing.T) {
	var r removedServers
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	state := func(backend, server string, st event.ServerState) {
		e := event.Event{Time: now, Kind: event.KindServerState, Backend: backend, Server: server, State: st}
		r.filter(&e, now)
	}
	late := func(backend, server string) (string, bool) {
		e := event.Event{Time: now, Kind: event.KindResponse, Backend: backend, Server: server, Status: 504}
		ok := r.filter(&e, now)
		return e.Server, ok
	}
	state("be", "s1-g1", event.StateRemoved)
	state("be_old", "", event.StateRemoved)
	if srv, ok := late("be", "s1-g1"); srv != "" || !ok {
		t.Errorf("late line of a removed server: server %q, kept %v; want the backend's, kept", srv, ok)
	}
	if _, ok := late("be_old", "x"); ok {
		t.Error("late line of a removed backend kept")
	}
	if srv, _ := late("be", "s2-g1"); srv != "s2-g1" {
		t.Errorf("a present server's line rewritten to %q", srv)
	}
	state("be", "s1-g1", event.StateUp) // added back
	if srv, _ := late("be", "s1-g1"); srv != "s1-g1" {
		t.Errorf("a server added back still loses its lines (server %q)", srv)
	}
	r.expire(now.Add(removedGrace + time.Minute))
	if len(r.at) != 0 {
		t.Errorf("removals kept after the grace period: %v", r.at)
	}
}

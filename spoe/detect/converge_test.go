package detect

import (
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// stateDetector returns a detector with a settable clock starting at t0.
func stateDetector(cfg Config) (*Detector, *time.Time) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	return New(cfg, func() time.Time { return now }), &now
}

func stateEvent(backend, server string, state event.ServerState, check string) event.Event {
	return event.Event{Kind: event.KindServerState, Source: event.SourceRuntime, Backend: backend,
		Server: server, State: state, CheckStatus: check, Timings: event.Unknown}
}

// TestRemovedServerResolves: a DOWN server removed by a reload resolves its
// anomaly with the reason, its verdict goes, and an UP server of the same
// name seen later raises nothing and carries no verdict.
func TestRemovedServerResolves(t *testing.T) {
	d, now := stateDetector(Config{})
	d.Observe(stateEvent("be", "s1", event.StateDown, "L4CON"))
	d.Observe(stateEvent("be_dead", "d1", event.StateDown, "L4CON"))
	d.Observe(event.Event{Kind: event.KindServerState, Backend: "be_dead", State: event.StateDown, Cause: event.CauseNoServerUp})
	fired := d.Tick(*now)
	if len(fired) != 3 || d.Verdict("be", "s1") != string(KindServerDown) {
		t.Fatalf("fired %v, verdict %q; want server_down s1, server_down d1, no_server be_dead", fired, d.Verdict("be", "s1"))
	}
	*now = now.Add(time.Second)
	d.Observe(stateEvent("be", "s1", event.StateRemoved, ""))
	d.Observe(stateEvent("be_dead", "", event.StateRemoved, ""))
	resolved := d.Tick(*now)
	if len(resolved) != 3 {
		t.Fatalf("after removal: %d transitions %v, want 3 resolved", len(resolved), resolved)
	}
	for _, tr := range resolved {
		if tr.Anomaly.State != StateResolved || !strings.Contains(tr.Anomaly.Message, "no longer in HAProxy's configuration") {
			t.Errorf("%s %s/%s: state %s, message %q; want resolved, saying why", tr.Anomaly.Kind, tr.Anomaly.Backend,
				tr.Anomaly.Server, tr.Anomaly.State, tr.Anomaly.Message)
		}
	}
	if len(d.Active()) != 0 || d.Verdict("be", "s1") != VerdictOK || d.Verdict("be_dead", "d1") != VerdictOK {
		t.Errorf("active %v, verdicts %q %q; want nothing left", d.Active(), d.Verdict("be", "s1"), d.Verdict("be_dead", "d1"))
	}
	keys := d.Stats().Keys
	d.Observe(stateEvent("be", "s1", event.StateUp, "L4OK"))
	if got := d.Tick(now.Add(time.Second)); len(got) != 0 || d.Stats().Keys != keys {
		t.Errorf("an UP server seen again: transitions %v, keys %d -> %d; want none, no new key", got, keys, d.Stats().Keys)
	}
}

// TestUpClearsDown: a server seen UP again resolves server_down with a
// message about recovery, keeping the cause its errors named.
func TestUpClearsDown(t *testing.T) {
	d, now := stateDetector(Config{})
	for range 6 {
		d.Observe(event.Event{Time: *now, Kind: event.KindResponse, Source: event.SourceLog, Backend: "be", Server: "s1",
			Status: 503, Cause: event.CauseConnRefused, Timings: event.Unknown})
	}
	d.Observe(stateEvent("be", "s1", event.StateDown, "L4CON"))
	d.Tick(*now)
	for i := range 8 { // the errors leave the window while the server is DOWN
		d.Observe(stateEvent("be", "s1", event.StateDown, []string{"L4CON", "L4OK"}[i/6]))
		*now = now.Add(time.Second)
		d.Tick(*now)
	}
	d.Observe(stateEvent("be", "s1", event.StateUp, "L4OK"))
	got := d.Tick(now.Add(time.Second))
	var down *Anomaly
	for i := range got {
		if got[i].Anomaly.Kind == KindServerDown {
			down = &got[i].Anomaly
		}
	}
	if down == nil || down.State != StateResolved {
		t.Fatalf("transitions %v: want server_down resolved", got)
	}
	if down.Cause != event.CauseConnRefused || strings.Contains(down.Message, "is DOWN") ||
		!strings.Contains(down.Message, "is UP again (check L4OK) after being DOWN (last failed check L4CON)") ||
		!strings.Contains(down.Message, "6 of 6 requests failed, 6 with cause SC") {
		t.Errorf("resolved server_down: cause %v, message %q; want connection_refused, back UP after L4CON, the episode's 6 errors", down.Cause, down.Message)
	}
}

// TestIgnoredBackend: events of an ignored backend raise nothing.
func TestIgnoredBackend(t *testing.T) {
	d, now := stateDetector(Config{IgnoreBackends: []string{"hapguard-agents"}})
	d.Observe(stateEvent("hapguard-agents", "agent1", event.StateDown, "L4CON"))
	d.Observe(event.Event{Kind: event.KindServerState, Backend: "hapguard-agents", State: event.StateDown, Cause: event.CauseNoServerUp})
	if got := d.Tick(*now); len(got) != 0 || d.Stats().Keys != 0 {
		t.Errorf("ignored backend: transitions %v, %d keys; want none", got, d.Stats().Keys)
	}
}

// TestFailedAttemptsFire: failed connection attempts counted by the runtime
// API fire consecutive_5xx with their cause before any client error, and a
// good response ends the run.
func TestFailedAttemptsFire(t *testing.T) {
	d, now := stateDetector(Config{ConfirmFor: 500 * time.Millisecond})
	d.Observe(event.Event{Time: *now, Kind: event.KindFailedAttempts, Source: event.SourceRuntime, Backend: "be", Server: "s1",
		Cause: event.CauseConnRefused, Count: 7, Timings: event.Unknown})
	d.Tick(*now)
	got := d.Tick(now.Add(600 * time.Millisecond))
	if len(got) != 1 || got[0].Anomaly.Kind != KindConsecutive5xx || got[0].Anomaly.Cause != event.CauseConnRefused {
		t.Fatalf("transitions %v; want consecutive_5xx connection_refused", got)
	}
	if m := got[0].Anomaly.Message; !strings.Contains(m, "7 failed attempts") || !strings.Contains(m, "(SC,") {
		t.Errorf("message %q; want the attempt count and SC", m)
	}
	if !resolvesAfterAGoodResponse(d, *now) {
		t.Error("consecutive_5xx from attempts did not resolve after a good response")
	}
}

// resolvesAfterAGoodResponse gives be/s1 a 200 at now and reports whether
// its anomaly resolves within 8 seconds of ticks.
func resolvesAfterAGoodResponse(d *Detector, now time.Time) bool {
	d.Observe(event.Event{Time: now, Kind: event.KindResponse, Source: event.SourceLog, Backend: "be", Server: "s1",
		Status: 200, Timings: event.Unknown})
	for i := range 8 {
		if got := d.Tick(now.Add(time.Duration(i+1) * time.Second)); len(got) == 1 && got[0].Anomaly.State == StateResolved {
			return true
		}
	}
	return false
}

// TestAttemptsOnTwoPollsFireAtOnce: failed attempts HAProxy counted on two
// polls need no further confirmation; on one poll they wait ConfirmFor.
func TestAttemptsOnTwoPollsFireAtOnce(t *testing.T) {
	d, now := stateDetector(Config{ConfirmFor: 500 * time.Millisecond})
	attempts := func(n int) {
		d.Observe(event.Event{Time: *now, Kind: event.KindFailedAttempts, Source: event.SourceRuntime, Backend: "be", Server: "s1",
			Cause: event.CauseConnRefused, Count: n, Timings: event.Unknown})
	}
	attempts(4) // below the threshold of 5
	if got := d.Tick(*now); len(got) != 0 {
		t.Fatalf("4 failed attempts: %v, want nothing yet", got)
	}
	*now = now.Add(100 * time.Millisecond)
	attempts(4) // the next round of retries, on the next poll
	got := d.Tick(*now)
	if len(got) != 1 || got[0].Anomaly.Kind != KindConsecutive5xx || got[0].Anomaly.State != StateFiring {
		t.Fatalf("8 failed attempts over two polls: %v, want consecutive_5xx firing at once", got)
	}
}

// TestStallFiresBelowTheThreshold: four failed attempts on one poll wait;
// the runtime API's confirmation that the server is stalled fires them at
// once, below consecutive_5xx, and says why; a good response ends it.
func TestStallFiresBelowTheThreshold(t *testing.T) {
	d, now := stateDetector(Config{ConfirmFor: 500 * time.Millisecond})
	attempts := func(n int, stalled bool) {
		d.Observe(event.Event{Time: *now, Kind: event.KindFailedAttempts, Source: event.SourceRuntime, Backend: "be", Server: "s1",
			Cause: event.CauseConnectTimeout, Count: n, Stalled: stalled, Timings: event.Unknown})
	}
	attempts(4, false)
	if got := d.Tick(*now); len(got) != 0 {
		t.Fatalf("4 failed attempts: %v, want nothing yet", got)
	}
	*now = now.Add(100 * time.Millisecond)
	attempts(0, true)
	got := d.Tick(*now)
	if len(got) != 1 || got[0].Anomaly.Cause != event.CauseConnectTimeout || got[0].Anomaly.State != StateFiring {
		t.Fatalf("stall after 4 failed attempts: %v, want consecutive_5xx connect_timeout firing at once", got)
	}
	if m := got[0].Anomaly.Message; !strings.Contains(m, "4 failed attempts") || !strings.Contains(m, "no response from it") {
		t.Errorf("message %q; want the attempts and the stall", m)
	}
	if !resolvesAfterAGoodResponse(d, *now) {
		t.Error("the stall did not resolve after a good response")
	}
}

// TestRemovedKeysReuseMemory: a key HAProxy removed gives its memory to the
// next new key (stale join references to it see a new generation), so
// servers renamed at every reload do not grow the heap.
func TestRemovedKeysReuseMemory(t *testing.T) {
	d, now := stateDetector(Config{})
	d.Observe(event.Event{Time: *now, Kind: event.KindResponse, Source: event.SourceSPOE, Backend: "be", Server: "s1-g1",
		Status: 200, UniqueID: event.MakeUniqueID("tx-1"), Timings: event.Unknown})
	old := d.keys.m[seriesKey{"be", "s1-g1"}]
	gen := old.gen
	d.Observe(stateEvent("be", "s1-g1", event.StateRemoved, ""))
	d.Observe(event.Event{Time: *now, Kind: event.KindResponse, Source: event.SourceSPOE, Backend: "be", Server: "s1-g2",
		Status: 200, Timings: event.Unknown})
	fresh := d.keys.m[seriesKey{"be", "s1-g2"}]
	if fresh != old || fresh.gen == gen {
		t.Fatalf("new key: reused %v, generation %d -> %d; want the removed key's memory, a new generation", fresh == old, gen, fresh.gen)
	}
	// The log's version of tx-1 arrives: the stale SPOE contribution is not
	// taken out of the new key.
	d.Observe(event.Event{Time: *now, Kind: event.KindResponse, Source: event.SourceLog, Backend: "be", Server: "s1-g1",
		Status: 200, UniqueID: event.MakeUniqueID("tx-1"), Timings: event.Unknown})
	var w counts
	fresh.window(now.Unix(), 5, &w, &windowHist{})
	if w.total != 1 {
		t.Errorf("the new key counts %d transactions, want its own 1", w.total)
	}
}

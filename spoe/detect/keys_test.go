package detect

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hapguard/hapguard/spoe/event"
)

func response(server string, now time.Time) event.Event {
	return event.Event{Time: now, Kind: event.KindResponse, Source: event.SourceSPOE, Backend: "be",
		Server: server, Status: 200, Timings: event.Unknown}
}

func TestKeyCapEvictsLeastRecentlyUsed(t *testing.T) {
	now := start
	d := New(Config{MaxKeys: 5}, func() time.Time { return now })
	for i := range 10 {
		d.Observe(response(fmt.Sprintf("s%d", i), now))
	}
	st := d.Stats()
	if st.Keys != 5 || st.Evictions != 6 {
		t.Errorf("keys %d, evictions %d: want 5 and 6 (1 backend + 10 servers, cap 5)", st.Keys, st.Evictions)
	}
	var got []string
	for s := range d.keys.all {
		got = append(got, s.key.server)
	}
	want := []string{"s9", "", "s8", "s7", "s6"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kept keys, most recent first (-want +got):\n%s", diff)
	}
}

func TestEvictionResolvesFiringAnomaly(t *testing.T) {
	now := start
	d := New(Config{MaxKeys: 3}, func() time.Time { return now })
	down := func(server string) event.Event {
		return event.Event{Time: now, Kind: event.KindServerState, Source: event.SourceRuntime,
			Backend: "be", Server: server, State: event.StateDown, Cause: event.CauseNoServerUp, Timings: event.Unknown}
	}
	d.Observe(down("s1"))
	d.Observe(down("s2"))
	d.Observe(down(""))
	now = now.Add(time.Second)
	if got := len(d.Tick(now)); got != 3 {
		t.Fatalf("%d transitions, want 3 firing (two servers down, no server)", got)
	}
	d.Observe(response("s3", now)) // every key is active: the oldest goes
	trs := d.Tick(now.Add(time.Second))
	if len(trs) != 1 || trs[0].Anomaly.Server != "s1" || trs[0].Anomaly.State != StateResolved ||
		!strings.Contains(trs[0].Anomaly.Message, "evicted") {
		t.Fatalf("transitions %+v, want s1 resolved by eviction", trs)
	}
	if st := d.Stats(); st.EvictedFiring != 1 || st.Keys != 3 {
		t.Errorf("stats %+v", st)
	}
	if v := d.Verdict("be", "s1"); v != "no_server" {
		t.Errorf("verdict of evicted s1 = %q, want its backend's no_server", v)
	}
}

func TestIgnoredEvents(t *testing.T) {
	d := New(Config{}, nil)
	d.Observe(event.Event{Kind: event.KindResponse, Status: 503})
	d.Observe(event.Event{Kind: event.Kind(9), Backend: "be"})
	if st := d.Stats(); st.Ignored != 2 || st.Keys != 0 {
		t.Errorf("stats %+v: want 2 ignored, no keys", st)
	}
}

func TestEventTimePlacement(t *testing.T) {
	now := start.Add(10 * time.Second)
	d := New(Config{}, func() time.Time { return now })
	for _, at := range []time.Time{now.Add(-time.Second), now.Add(-time.Hour), {}, now.Add(time.Hour)} {
		d.Observe(response("s1", at))
	}
	s := d.keys.m[seriesKey{"be", "s1"}]
	got := []uint32{s.existing(now.Unix() - 1).total, s.existing(now.Unix()).total}
	if diff := cmp.Diff([]uint32{1, 3}, got); diff != "" {
		t.Errorf("a plausible timestamp places the event, others count at arrival (-want +got):\n%s", diff)
	}
}

func TestEvictionSparesTheKeyInUse(t *testing.T) {
	now := start
	d := New(Config{MaxKeys: 2}, func() time.Time { return now })
	d.Observe(event.Event{Kind: event.KindServerState, Backend: "be", Server: "s1", State: event.StateDown})
	d.Tick(now)
	d.Observe(response("s2", now)) // backend touched first, then s2 needs room
	var got []string
	for s := range d.keys.all {
		got = append(got, s.key.server)
	}
	if diff := cmp.Diff([]string{"s2", ""}, got); diff != "" {
		t.Errorf("kept keys (-want +got):\n%s", diff)
	}
	if w := windowOf(d, "be", ""); w.total != 1 {
		t.Errorf("backend total = %d, want 1", w.total)
	}
}

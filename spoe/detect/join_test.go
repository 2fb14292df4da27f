package detect

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hapguard/hapguard/spoe/event"
)

// windowOf returns the sums of a key over the last ring of seconds.
func windowOf(d *Detector, backend, server string) counts {
	var w counts
	if s := d.keys.m[seriesKey{backend, server}]; s != nil {
		s.window(d.clock().Unix(), int64(d.cfg.RingSeconds), &w, &windowHist{})
	}
	return w
}

// joinCounts is what a join test compares.
type joinCounts struct {
	Total, Errors, ServerErrors, Aborts, Latency uint32
}

func countsOf(w counts) joinCounts {
	return joinCounts{w.total, w.errors, w.serverErrors, w.causes[event.CauseServerAbort], uint32(w.samples())}
}

// transaction returns the SPOE and log views of one transaction: the server
// answered status (0 means it aborted: no SPOE event, SH in the log).
func transaction(n, status int, now time.Time) (spoe, log event.Event) {
	id := event.MakeUniqueID(fmt.Sprintf("tx-%d", n))
	spoe = event.Event{Time: now, Kind: event.KindResponse, Source: event.SourceSPOE, Backend: "be", Server: "s1",
		Status: status, UniqueID: id, Timings: event.Timings{Request: -1, Queue: -1, Connect: -1, Response: 20 * time.Millisecond, Total: -1}}
	log = event.Event{Time: now, Kind: event.KindResponse, Source: event.SourceLog, Backend: "be", Server: "s1",
		Status: status, UniqueID: id, Timings: event.Timings{Request: 0, Queue: 0, Connect: 1 * time.Millisecond, Response: 21 * time.Millisecond, Total: 22 * time.Millisecond}}
	switch {
	case status == 0:
		log.Status, log.Cause, log.TermState = 502, event.CauseServerAbort, [2]byte{'S', 'H'}
		log.Timings.Response = -1
	case status >= 500:
		log.Cause = event.CauseServerStatus
	}
	return spoe, log
}

func TestJoinCountsOnceInBothOrders(t *testing.T) {
	statuses := []int{200, 200, 503, 0, 200, 0, 404, 500}
	want := joinCounts{Total: 8, Errors: 4, ServerErrors: 2, Aborts: 2, Latency: 6}
	orders := map[string]func(spoe, log event.Event) []event.Event{
		"spoe first": func(spoe, log event.Event) []event.Event { return []event.Event{spoe, log} },
		"log first":  func(spoe, log event.Event) []event.Event { return []event.Event{log, spoe} },
		"spoe twice": func(spoe, log event.Event) []event.Event { return []event.Event{spoe, spoe, log, log} },
	}
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			now := start
			d := New(Config{}, func() time.Time { return now })
			for i, status := range statuses {
				spoe, log := transaction(i, status, now)
				for _, e := range order(spoe, log) {
					if status == 0 && e.Source == event.SourceSPOE {
						continue // HAProxy's own 502: SPOE never sees it
					}
					d.Observe(e)
				}
			}
			if diff := cmp.Diff(want, countsOf(windowOf(d, "be", "s1"))); diff != "" {
				t.Errorf("server counts (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(want, countsOf(windowOf(d, "be", ""))); diff != "" {
				t.Errorf("backend counts (-want +got):\n%s", diff)
			}
			if st := d.Stats(); st.Counted != 8 || st.Joined != 6 {
				t.Errorf("stats %+v: want 8 counted, 6 joined", st)
			}
		})
	}
}

func TestLogVersionReplacesSPOE(t *testing.T) {
	now := start
	d := New(Config{}, func() time.Time { return now })
	spoe, log := transaction(1, 200, now)
	log.Status, log.Cause, log.TermState = 200, event.CauseAfterHeaders, [2]byte{'S', 'D'}
	d.Observe(spoe)
	d.Observe(log)
	got := windowOf(d, "be", "s1")
	want := joinCounts{Total: 1, Errors: 1, Latency: 1}
	if diff := cmp.Diff(want, countsOf(got)); diff != "" || got.causes[event.CauseAfterHeaders] != 1 {
		t.Errorf("after the log's version (-want +got):\n%s causes %v", diff, got.causes)
	}
	if st := d.Stats(); st.Replaced != 1 {
		t.Errorf("Replaced = %d, want 1", st.Replaced)
	}
}

func TestSPOEOnlyCounts(t *testing.T) {
	now := start
	d := New(Config{}, func() time.Time { return now })
	for i := range 5 {
		spoe, _ := transaction(i, 200, now)
		d.Observe(spoe)
		spoe.UniqueID = event.UniqueID{}
		d.Observe(spoe) // no unique-id: nothing to join, counts
	}
	if got := windowOf(d, "be", "s1").total; got != 10 {
		t.Errorf("SPOE-only total = %d, want 10", got)
	}
}

func TestSPOELeftToLogWithoutUniqueID(t *testing.T) {
	now := start
	d := New(Config{}, func() time.Time { return now })
	for i := range 5 {
		spoe, log := transaction(i, 200, now)
		log.UniqueID = event.UniqueID{} // option httplog without %ID
		d.Observe(log)
		d.Observe(spoe)
	}
	if got, st := windowOf(d, "be", "s1").total, d.Stats(); got != 5 || st.SPOEUnjoinable != 5 {
		t.Errorf("total = %d, stats %+v: want 5 and 5 SPOE events left to the log", got, st)
	}
	// The log input stops: after LogLiveFor, SPOE counts again.
	now = now.Add(11 * time.Second)
	spoe, _ := transaction(99, 200, now)
	d.Observe(spoe)
	if st := d.Stats(); st.Counted != 6 {
		t.Errorf("counted after the log went quiet = %d, want 6", st.Counted)
	}
}

func TestJoinForgetsAfterWindow(t *testing.T) {
	now := start
	d := New(Config{JoinWindow: 2 * time.Second}, func() time.Time { return now })
	spoe, log := transaction(1, 200, now)
	d.Observe(spoe)
	now = now.Add(3 * time.Second)
	log.Time = now
	d.Observe(log)
	if st := d.Stats(); st.Joined != 0 || st.Counted != 2 {
		t.Errorf("stats %+v: a unique-id older than JoinWindow must not join", st)
	}
}

package runtimeapi

import "time"

// Delta is what changed between two successful polls, for cross-checking
// the other inputs: for each backend (Server "") and server, the increase
// of every cumulative counter since the previous poll, and the gauges
// (Queued, Sessions, ResponseTimeMs) as they are now.
//
// Counters never go negative. A row seen for the first time, every row
// after a HAProxy reload (its pid changed), and any row whose counters went
// down ("clear counters", a restart the pid did not reveal) restart their
// baseline: their cumulative deltas are zero and Reset is true.
type Delta struct {
	Time     time.Time
	Elapsed  time.Duration // since the previous poll; 0 on the first
	Reload   bool          // HAProxy's pid changed since the previous poll
	Reset    bool          // at least one row restarted its baseline
	Counters map[BackendServer]Counters
}

// deltas computes the Delta of a poll and keeps its counters as the next
// baseline.
func (t *tracker) deltas(st Stat, now time.Time) Delta {
	d := Delta{Time: now, Counters: make(map[BackendServer]Counters, len(st.Rows))}
	if t.polled {
		d.Elapsed = now.Sub(t.lastPoll)
		d.Reload = st.Pid != 0 && t.pid != 0 && st.Pid != t.pid
	}
	next := make(map[BackendServer]Counters, len(st.Rows))
	for _, r := range st.Rows {
		key, cur := r.Key(), r.Counters
		next[key] = cur
		prev, known := t.counters[key]
		if !known || d.Reload || wentDown(prev, cur) {
			d.Reset = true
			prev = cur
		}
		d.Counters[key] = subtract(cur, prev)
	}
	t.counters = next
	return d
}

// wentDown reports whether any cumulative counter decreased.
func wentDown(prev, cur Counters) bool {
	return cur.HTTP5xx < prev.HTTP5xx || cur.Responses < prev.Responses || cur.ResponseErrors < prev.ResponseErrors ||
		cur.ConnectErrors < prev.ConnectErrors || cur.Retries < prev.Retries ||
		cur.Redispatches < prev.Redispatches || cur.CheckFailures < prev.CheckFailures
}

// subtract returns the cumulative increases from prev to cur, with cur's
// gauges. Callers make sure no counter went down.
func subtract(cur, prev Counters) Counters {
	return Counters{
		HTTP5xx:        cur.HTTP5xx - prev.HTTP5xx,
		Responses:      cur.Responses - prev.Responses,
		ResponseErrors: cur.ResponseErrors - prev.ResponseErrors,
		ConnectErrors:  cur.ConnectErrors - prev.ConnectErrors,
		Retries:        cur.Retries - prev.Retries,
		Redispatches:   cur.Redispatches - prev.Redispatches,
		CheckFailures:  cur.CheckFailures - prev.CheckFailures,
		Queued:         cur.Queued,
		Sessions:       cur.Sessions,
		ResponseTimeMs: cur.ResponseTimeMs,
	}
}

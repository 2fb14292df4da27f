package runtimeapi

import "time"

// A stalled server sends nothing back while connections to it fail. It is
// what a host that drops SYNs looks like one `timeout connect` after the
// onset: every request's first attempt has timed out and its retry is
// pending. Failed attempts alone would wait for the next round of retries
// (another `timeout connect`) to reach the consecutive-failure threshold;
// a stall is confirmed a poll after the first round (the poller is then at
// its fast pace). A server is stalled when, over a stretch of polls:
//
//   - HAProxy held requests for it at every poll (scur > 0) and it sent no
//     HTTP response (no hrsp_* grew), for at least stallFor;
//   - at least stallMinFailed connection attempts failed (econ, wretr),
//     none more than stallFresh after the one before and the last one
//     within stallFresh: a single failed connection never makes a stall,
//     nor do failures far apart on a server whose requests are long (long
//     polling, streaming);
//   - and it stayed silent, after the poll that counted those failures,
//     for longer than it takes to answer (twice its rtime, at least one
//     more poll): when the failures were a blip, the retries reach the
//     server and its responses end the stretch first.
//
// Only mode http servers are judged (a tcp proxy has no hrsp_*), and a poll
// that restarted counter baselines (a reload, a new server) judges none.
const (
	stallFor       = time.Second
	stallMinFailed = 2
	stallFresh     = 2 * time.Second
)

// stall is a server's current stretch of stalled polls.
type stall struct {
	since      time.Time // the last poll before the stretch
	failed     uint64    // failed connection attempts counted during it
	failedAt   time.Time // the poll at which failed reached stallMinFailed
	lastFailed time.Time // the latest poll that counted failed attempts
}

// stalls follows the stretch of every server stalled at the latest poll.
type stalls map[BackendServer]stall

// observe judges one server at a poll: c is its delta, failed the failed
// connection attempts in it, judged false when this poll cannot tell, prev
// the previous poll's time. It records the stretch in next and reports
// whether it is a confirmed stall.
func (s stalls) observe(next stalls, key BackendServer, c Counters, failed uint64, judged bool, prev, now time.Time) bool {
	if !judged || prev.IsZero() || c.Responses > 0 || c.Sessions == 0 {
		return false
	}
	st, ok := s[key]
	if !ok {
		st = stall{since: prev}
	}
	if failed > 0 {
		if !st.lastFailed.IsZero() && now.Sub(st.lastFailed) > stallFresh {
			st.failed = 0
		}
		st.lastFailed = now
	}
	wasFailed := st.failed >= stallMinFailed
	st.failed += failed
	if !wasFailed && st.failed >= stallMinFailed {
		st.failedAt = now
	}
	next[key] = st
	answerTime := 2 * time.Duration(c.ResponseTimeMs) * time.Millisecond
	return wasFailed && now.Sub(st.lastFailed) <= stallFresh &&
		now.Sub(st.since) >= stallFor && now.Sub(st.failedAt) >= answerTime
}

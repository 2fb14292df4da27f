package runtimeapi

import (
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// attemptEvents turns the counter deltas of every server row into
// KindFailedAttempts events: HAProxy knows a server refuses or drops
// connections long before a client sees the 503 that follows its retries
// (a request with "retries 3" fails four connection attempts first).
//
//   - econ counts requests whose connection finally failed and wretr every
//     retry before that (measured on 2.6: four refused requests with
//     "retries 3" give econ 4, wretr 12), so econ+wretr is the number of
//     failed connection attempts. Their cause is what the server's check
//     says (L4TOUT: a connect timeout, L4CON: refused), and while the check
//     has not failed yet, a connect timeout when the server holds sessions
//     (scur) at the poll: a refused connection fails at once and leaves
//     none, a connection that times out stays pending for "timeout connect".
//   - eresp (responses HAProxy could not read) is left out: those errors
//     reach the client at once (no retry), so the log is as early, and
//     eresp cannot tell an abort (SH) from a timeout (sH) or an invalid
//     response (PH); counted, it renamed a server_timeout anomaly's cause.
//   - chkfail counts failed health checks; a layer-4 failure (L4CON,
//     L4TOUT, SOCKERR) of a server still UP is a failed connection attempt
//     too (once it is DOWN, server_down says it all).
//
// A server that is stalled (stall.go) has an event even when this poll
// counted no new failure, with Stalled set.
//
// Backend rows are skipped: their counters sum their servers'.
func (t *tracker) attemptEvents(st Stat, d Delta, now time.Time) []event.Event {
	var events []event.Event
	next := make(stalls, len(t.stalls))
	for _, r := range st.Rows {
		if r.Type != RowServer {
			continue
		}
		c := d.Counters[r.Key()]
		connect := connectCause(r.CheckStatus, c.Sessions)
		n := c.ConnectErrors + c.Retries
		stalled := t.stalls.observe(next, r.Key(), c, n, r.HTTP && !d.Reset, t.lastPoll, now)
		if layer4Failure(r.CheckStatus) && r.State() == event.StateUp {
			n += c.CheckFailures
		}
		if n > 0 || stalled {
			events = append(events, attemptEvent(r, connect, n, stalled, now))
		}
	}
	t.stalls = next
	return events
}

// connectCause names failed connections by the server's check status, or
// by its sessions while the check has not failed.
func connectCause(check string, sessions uint64) event.Cause {
	switch {
	case check == "L4TOUT":
		return event.CauseConnectTimeout
	case check == "L4CON":
		return event.CauseConnRefused
	case sessions > 0:
		return event.CauseConnectTimeout
	}
	return event.CauseConnRefused
}

// layer4Failure reports check statuses that mean the connection itself
// failed.
func layer4Failure(check string) bool {
	return check == "L4CON" || check == "L4TOUT" || check == "SOCKERR"
}

func attemptEvent(r Row, cause event.Cause, n uint64, stalled bool, now time.Time) event.Event {
	return event.Event{
		Time: now, Kind: event.KindFailedAttempts, Source: event.SourceRuntime,
		Backend: r.Proxy, Server: r.Name, Timings: event.Unknown, Cause: cause,
		State: r.State(), CheckStatus: r.CheckStatus, CheckDesc: r.CheckDesc,
		Count: int(min(n, 1<<31)), Stalled: stalled,
	}
}

package haproxylog

import (
	"bytes"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// toEvent validates the numeric fields and fills ev. It reports false when a
// field is not what HAProxy writes.
func (p *Parser) toEvent(t *trafficLine, now time.Time, ev *event.Event) bool {
	status, ok := atoiSigned(t.status)
	if !ok {
		return false
	}
	timings, ok := parseTimers(&t.timers)
	if !ok {
		return false
	}
	retries, ok := parseRetries(t.conns)
	if !ok || !validQueues(t.queues) {
		return false
	}
	*ev = event.Event{
		Time: now, Kind: event.KindResponse, Source: event.SourceLog,
		Frontend: p.names.get(t.frontend), Backend: p.names.get(t.backend),
		Server: p.names.get(t.server), Status: status,
		TermState: [2]byte{t.termState[0], t.termState[1]},
		Timings:   timings, Retries: retries,
	}
	if len(t.uniqueID) > 0 && !bytes.Equal(t.uniqueID, []byte("-")) {
		ev.UniqueID = event.MakeUniqueID(t.uniqueID)
	}
	ev.Cause = classify(status, ev.TermState, ev.Server == event.NoServer)
	return true
}

// parseTimers converts the five millisecond timers; -1 stays negative.
func parseTimers(timers *[5][]byte) (event.Timings, bool) {
	var ms [5]int
	for i, f := range timers {
		n, ok := atoiSigned(f)
		if !ok {
			return event.Timings{}, false
		}
		ms[i] = n
	}
	d := func(n int) time.Duration {
		if n < 0 {
			return -1
		}
		return time.Duration(n) * time.Millisecond
	}
	return event.Timings{
		Request: d(ms[0]), Queue: d(ms[1]), Connect: d(ms[2]),
		Response: d(ms[3]), Total: d(ms[4]),
	}, true
}

// parseRetries reads %rc, the last of the connection counts; a leading '+'
// means the transaction was redispatched.
func parseRetries(conns []byte) (int, bool) {
	i := bytes.LastIndexByte(conns, '/')
	n, ok := atoiSigned(conns[i+1:])
	return max(n, 0), ok
}

// validQueues reports whether f is %sq/%bq.
func validQueues(f []byte) bool {
	sq, bq, ok := bytes.Cut(f, []byte("/"))
	if !ok {
		return false
	}
	_, ok1 := atoi(sq)
	_, ok2 := atoi(bq)
	return ok1 && ok2
}

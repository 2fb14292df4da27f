package detect

import (
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// Observe takes one event: a finished transaction or a server state change.
// It is O(1), and allocation-free once the event's keys are tracked.
func (d *Detector) Observe(e event.Event) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stats.Events++
	now := d.clock()
	if _, ignored := d.ignore[e.Backend]; ignored || e.Backend == "" {
		d.stats.Ignored++
		return
	}
	switch e.Kind {
	case event.KindResponse:
		d.observeResponse(&e, now)
	case event.KindServerState:
		d.observeState(&e)
	case event.KindFailedAttempts:
		d.observeAttempts(&e, now)
	default:
		d.stats.Ignored++
	}
}

// observeResponse applies the join rule (see the package documentation).
func (d *Detector) observeResponse(e *event.Event, now time.Time) {
	nowSec := now.Unix()
	if e.Source == event.SourceLog {
		d.logSeen, d.logHasIDs = nowSec, !e.UniqueID.IsZero()
	}
	if e.Source == event.SourceSPOE && d.logLive(nowSec) && (e.UniqueID.IsZero() || !d.logHasIDs) {
		d.stats.SPOEUnjoinable++
		return
	}
	x, sec := d.classify(e), d.eventSecond(e.Time, now)
	if e.UniqueID.IsZero() {
		d.count(e, x, sec, nowSec)
		return
	}
	h := d.join.hash(e.UniqueID)
	slot := d.join.find(h, nowSec)
	switch {
	case slot == nil:
		d.remember(h, e, x, d.count(e, x, sec, nowSec), nowSec)
	case slot.joined || slot.source == e.Source:
		d.stats.Duplicates++
	case slot.source == event.SourceSPOE && e.Source == event.SourceLog:
		d.replace(slot, e, x, nowSec)
	default:
		slot.joined = true
		d.stats.Joined++
	}
}

// logLive reports whether the log input produced a response event recently.
func (d *Detector) logLive(now int64) bool {
	return d.logSeen != 0 && now-d.logSeen <= int64(d.cfg.LogLiveFor/time.Second)
}

// eventSecond places an event by its own timestamp when that is plausible
// (not zero, not in the future, at most MaxEventAge old), else at arrival.
func (d *Detector) eventSecond(t, now time.Time) int64 {
	if t.IsZero() || t.After(now) || now.Sub(t) > d.cfg.MaxEventAge {
		return now.Unix()
	}
	return t.Unix()
}

// counted says where a transaction's contribution went.
type counted struct {
	sec     int64
	be, srv *series
}

// count adds x to the backend and, when a server was chosen, to the server.
func (d *Detector) count(e *event.Event, x sample, sec, now int64) counted {
	d.stats.Counted++
	be := d.series(seriesKey{e.Backend, ""})
	c := counted{sec: be.add(sec, now, x), be: be}
	be.note(x)
	if e.Server != "" && e.Server != event.NoServer {
		c.srv = d.series(seriesKey{e.Backend, e.Server})
		c.srv.add(c.sec, now, x)
		c.srv.follow(x, c.sec)
		c.srv.note(x)
	}
	return c
}

// remember stores a counted transaction in the join set.
func (d *Detector) remember(h uint64, e *event.Event, x sample, c counted, now int64) {
	slot, overwritten := d.join.claim(h, now)
	if overwritten {
		d.stats.JoinOverwritten++
	}
	slot.source, slot.sec, slot.x = e.Source, c.sec, x
	slot.be, slot.beGen = c.be, c.be.gen
	if c.srv != nil {
		slot.srv, slot.srvGen = c.srv, c.srv.gen
	}
}

// replace swaps the SPOE contribution in slot for the log event's version,
// in the same second when the ring still holds it.
func (d *Detector) replace(slot *joinSlot, e *event.Event, x sample, now int64) {
	d.stats.Joined++
	d.stats.Replaced++
	slot.joined = true
	if slot.be != nil && slot.be.gen == slot.beGen {
		slot.be.remove(slot.sec, slot.x)
	}
	if slot.srv != nil && slot.srv.gen == slot.srvGen {
		slot.srv.remove(slot.sec, slot.x)
	}
	be := d.series(seriesKey{e.Backend, ""})
	sec := be.add(slot.sec, now, x)
	if e.Server == "" || e.Server == event.NoServer {
		return
	}
	srv := d.series(seriesKey{e.Backend, e.Server})
	srv.add(sec, now, x)
	if x.err != slot.x.err || x.good != slot.x.good {
		srv.follow(x, sec)
	}
}

// observeState records a server's (or, with no server, a backend's) state.
// A backend is "no server UP" from a backend-level DOWN notice until a
// backend-level UP or any of its servers coming UP. A state that says all
// is well (UP) or that the key is gone (REMOVED) never creates a key: there
// is nothing to clear on a key the detector does not know.
func (d *Detector) observeState(e *event.Event) {
	if e.State == event.StateRemoved {
		d.removed(e.Backend, e.Server)
		return
	}
	down := e.State == event.StateDown
	if e.Server == "" || e.Server == event.NoServer {
		be := d.stateSeries(e, seriesKey{e.Backend, ""})
		if be != nil {
			be.noServerUp = down || (e.Cause == event.CauseNoServerUp && e.State != event.StateUp)
		}
		return
	}
	srv := d.stateSeries(e, seriesKey{e.Backend, e.Server})
	if srv == nil {
		return
	}
	srv.state, srv.checkStatus, srv.checkDesc = e.State, e.CheckStatus, e.CheckDesc
	if checkFailed(e.CheckStatus) {
		srv.failedCheck, srv.failedDesc = e.CheckStatus, e.CheckDesc
	}
	be := d.stateSeries(e, seriesKey{e.Backend, ""})
	switch {
	case be == nil:
	case e.State == event.StateUp:
		be.noServerUp = false
	case down && e.CheckStatus != "":
		be.lastCheck = e.CheckStatus
	}
}

// stateSeries returns the series a state event applies to: created for a
// failing state, only looked up for UP.
func (d *Detector) stateSeries(e *event.Event, key seriesKey) *series {
	if e.State == event.StateUp {
		return d.keys.m[key]
	}
	return d.series(key)
}

// observeAttempts counts failed attempts to reach a server that HAProxy's
// counters showed (runtime API): they extend the server's run of failures,
// as consecutive errors do, without counting as transactions. A stall
// (e.Stalled) fires the run before it reaches consecutive_5xx.
func (d *Detector) observeAttempts(e *event.Event, now time.Time) {
	if e.Server == "" || e.Server == event.NoServer || (e.Count <= 0 && !e.Stalled) {
		d.stats.Ignored++
		return
	}
	srv := d.series(seriesKey{e.Backend, e.Server})
	srv.attempts(e.Cause, max(e.Count, 0), e.Stalled, d.eventSecond(e.Time, now))
}

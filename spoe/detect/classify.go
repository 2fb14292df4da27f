package detect

import (
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// classify turns a response event into its contribution. The cause is the
// event's own, or, when the input did not name one (SPOE), derived from the
// status: a 5xx from a server is CauseServerStatus, one with "<NOSRV>" is
// CauseNoServer. Latency is the server response time (%Tr), or the total
// time of a transaction that went fine when %Tr is unknown; failed
// transactions add no latency sample (their time is the failure's).
func (d *Detector) classify(e *event.Event) sample {
	cause := e.Cause
	if cause == event.CauseNone && e.Status >= 500 && e.Status <= 599 {
		cause = event.CauseServerStatus
		if e.Server == event.NoServer {
			cause = event.CauseNoServer
		}
	}
	x := sample{
		cause: cause,
		err:   cause.IsBackendFault(),
		good:  cause == event.CauseNone && e.Status > 0 && e.Status < 500,
		bin:   -1,
	}
	switch {
	case e.Timings.Response >= 0:
		x.bin = latencyBin(e.Timings.Response)
	case cause == event.CauseNone && e.Timings.Total >= 0:
		x.bin = latencyBin(e.Timings.Total)
	}
	if cause == event.CauseServerAbort && e.Timings.Connect >= 0 && e.Timings.Connect < d.cfg.LowConnectTime {
		x.lowConnect = true
	}
	if cause == event.CauseServerTimeout && e.Timings.Total > 0 {
		x.timeoutMs = uint32(min(e.Timings.Total/time.Millisecond, 1<<31))
	}
	return x
}

// observeState records a server's (or, with no server, a backend's) state.
// A backend is "no server UP" from a backend-level DOWN notice until a
// backend-level UP or any of its servers coming UP.
func (d *Detector) observeState(e *event.Event) {
	down := e.State == event.StateDown
	if e.Server == "" || e.Server == event.NoServer {
		be := d.series(seriesKey{e.Backend, ""})
		be.noServerUp = down || (e.Cause == event.CauseNoServerUp && e.State != event.StateUp)
		return
	}
	srv := d.series(seriesKey{e.Backend, e.Server})
	srv.state, srv.checkStatus, srv.checkDesc = e.State, e.CheckStatus, e.CheckDesc
	be := d.series(seriesKey{e.Backend, ""})
	switch {
	case e.State == event.StateUp:
		be.noServerUp = false
	case down && e.CheckStatus != "":
		be.lastCheck = e.CheckStatus
	}
}

// series returns the series of key, creating it (and evicting the least
// recently used key when the table is full).
func (d *Detector) series(key seriesKey) *series {
	if s := d.keys.get(key); s != nil {
		return s
	}
	var victim *series
	if d.keys.full() {
		victim = d.keys.victim()
		d.evict(victim)
	}
	return d.keys.insert(key, victim)
}

// evict counts an eviction and reports the victim's firing anomalies as
// resolved at the next Tick, so no alert is left hanging.
func (d *Detector) evict(s *series) {
	d.stats.Evictions++
	now := d.clock()
	for i := range s.trackers {
		t := &s.trackers[i]
		if t.state != StateFiring {
			continue
		}
		d.stats.EvictedFiring++
		a := *t.a
		a.State, a.ResolvedAt = StateResolved, now
		a.Message = "no longer tracked (key evicted at the MaxKeys cap): " + a.Message
		d.pending = append(d.pending, Transition{From: StateFiring, Anomaly: a})
		d.archive(a)
		d.verdictsDirty = true
	}
}

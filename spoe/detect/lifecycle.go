package detect

import (
	"fmt"
	"math"
	"time"
)

// ewma is an exponentially weighted moving average with a half-life in
// time, so its weight does not depend on how often Tick is called.
type ewma struct {
	value float64
	n     int       // updates so far
	first time.Time // first update
	last  time.Time // latest update
}

func (e *ewma) update(x float64, now time.Time, halfLife time.Duration) {
	if e.n == 0 {
		e.value, e.first = x, now
	} else {
		dt := now.Sub(e.last)
		if dt <= 0 {
			dt = time.Second
		}
		e.value += (1 - math.Exp2(-float64(dt)/float64(halfLife))) * (x - e.value)
	}
	e.n++
	e.last = now
}

// learnedFor reports whether the average has been learning for at least d.
func (e *ewma) learnedFor(d time.Duration) bool {
	return e.n > 1 && e.last.Sub(e.first) >= d
}

// tracker is the lifecycle of one kind of anomaly on one key. The zero
// value is idle; a is allocated when an anomaly starts, so idle keys stay
// small.
type tracker struct {
	state      State    // "" when idle
	a          *Anomaly // nil until the first anomaly
	cleanSince time.Time
	epNext     int64          // next second to add to the episode
	epCauses   [numCauses]int // the episode's errors by cause
}

// step moves one tracker through idle -> pending -> firing -> resolved and
// reports a transition to firing or resolved.
func (d *Detector) step(s *series, k kindIndex, cond bool, now time.Time) (Transition, bool) {
	t := &s.trackers[k]
	switch t.state {
	case "":
		if !cond {
			return Transition{}, false
		}
		d.seq++
		t.state, t.cleanSince = StatePending, time.Time{}
		t.a = &Anomaly{
			ID:   fmt.Sprintf("%s/%s/%s#%d", s.key.backend, s.key.server, kinds[k], d.seq),
			Kind: kinds[k], Backend: s.key.backend, Server: s.key.server, FirstSeen: now,
		}
		d.openEpisode(t, now.Unix())
		d.describe(s, k, now)
		return d.confirm(s, k, now)
	case StatePending:
		if !cond {
			t.state, t.a = "", nil
			d.stats.Unconfirmed++
			return Transition{}, false
		}
		absorb(s, t, now.Unix()-episodeLag)
		d.describe(s, k, now)
		return d.confirm(s, k, now)
	case StateFiring:
		absorb(s, t, now.Unix()-episodeLag)
		if cond {
			if !t.cleanSince.IsZero() {
				t.cleanSince = time.Time{}
				d.verdictsDirty = true // the verdict shows the anomaly again
			}
			d.describe(s, k, now)
			return Transition{}, false
		}
		return d.settle(s, k, now)
	}
	return Transition{}, false
}

// confirm turns a pending anomaly into a firing one once it has held for
// ConfirmFor, or at once for states HAProxy's own checks confirmed.
func (d *Detector) confirm(s *series, k kindIndex, now time.Time) (Transition, bool) {
	t := &s.trackers[k]
	if !d.stateConfirmed(s, k) && now.Sub(t.a.FirstSeen) < d.cfg.ConfirmFor {
		t.a.State = StatePending
		return Transition{}, false
	}
	t.state, t.a.State, t.a.FiringSince = StateFiring, StateFiring, now
	d.verdictsDirty = true
	return Transition{From: StatePending, Anomaly: *t.a}, true
}

// stateConfirmed reports anomalies that come from a state HAProxy already
// confirmed with its health checks (fall/rise): server DOWN, and a backend
// HAProxy reported with no server UP; and a run of failed attempts that
// HAProxy's counters showed on two polls, or on a server the runtime API
// found stalled.
func (d *Detector) stateConfirmed(s *series, k kindIndex) bool {
	return k == kServerDown || (k == kNoServer && s.noServerUp) ||
		(k == kConsecutive && s.attemptsConfirmed())
}

// settle resolves a firing anomaly after ResolveAfter of clean evaluations
// (at once for a server back UP: "rise" confirmed it).
func (d *Detector) settle(s *series, k kindIndex, now time.Time) (Transition, bool) {
	t := &s.trackers[k]
	if t.cleanSince.IsZero() {
		t.cleanSince = now
		d.verdictsDirty = true // clean again: the verdict no longer shows it
	}
	if k != kServerDown && now.Sub(t.cleanSince) < d.cfg.ResolveAfter {
		return Transition{}, false
	}
	t.state, t.a.State, t.a.ResolvedAt = "", StateResolved, now
	closeEpisode(s, t, now.Unix())
	t.a.Message = d.resolvedMessage(s, k, t.a, now)
	d.archive(*t.a)
	d.verdictsDirty = true
	return Transition{From: StateFiring, Anomaly: *t.a}, true
}

// learn updates the baselines of s from this Tick's window when that window
// is clean for the detector: no anomaly of the kind, condition not met.
func (d *Detector) learn(s *series, now time.Time) {
	r := &s.scratch.r
	if s.trackers[kErrorRatio].state == "" && !r[kErrorRatio].hot && r[kErrorRatio].samples >= d.cfg.MinRequests {
		s.errBase.update(r[kErrorRatio].observed, now, d.cfg.BaselineHalfLife)
	}
	if s.trackers[kLatency].state == "" && !r[kLatency].hot && r[kLatency].samples >= d.cfg.MinLatencySamples {
		s.latBase.update(r[kLatency].observed, now, d.cfg.BaselineHalfLife)
	}
}

// archive keeps a resolved anomaly in the bounded history.
func (d *Detector) archive(a Anomaly) {
	if len(d.history) < d.cfg.History {
		d.history = append(d.history, a)
		return
	}
	d.history[d.histNext] = a
	d.histNext = (d.histNext + 1) % len(d.history)
}

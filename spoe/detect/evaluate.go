package detect

import "github.com/hapguard/hapguard/spoe/event"

// reading is one detector's verdict on one key at one Tick. hot is the
// firing condition, warm the (lower, hysteresis) condition that keeps a
// firing anomaly firing.
type reading struct {
	hot, warm bool
	observed  float64
	baseline  float64
	threshold float64
	unit      string
	samples   int
}

// evaluation is a key's scratch state during one Tick.
type evaluation struct {
	win          counts
	r            [numKinds]reading
	spreadErr    int // backend: servers whose error-ratio condition holds
	spreadLat    int // backend: servers whose latency condition holds
	abortServers int // backend: servers with SH errors in the window
	errServers   int // backend: servers with any backend-fault error in the window
}

// evaluate computes every detector's reading of s over the window ending at
// second sec.
func (d *Detector) evaluate(s *series, sec int64) {
	ev := &s.scratch
	s.window(sec, d.cfg.windowSeconds(), &ev.win, &d.lat)
	ev.r = [numKinds]reading{}
	ev.spreadErr, ev.spreadLat, ev.abortServers, ev.errServers = 0, 0, 0, 0
	if s.isBackend() {
		ev.r[kNoServer] = d.noServerReading(s)
	} else {
		ev.r[kServerDown] = serverDownReading(s)
		ev.r[kConsecutive] = d.consecutiveReading(s, sec)
	}
	ev.r[kErrorRatio] = d.errorRatioReading(s)
	ev.r[kLatency] = d.latencyReading(s)
}

func serverDownReading(s *series) reading {
	down := s.state == event.StateDown
	r := reading{hot: down, warm: down, threshold: 1, unit: "state"}
	if down {
		r.observed = 1
	}
	return r
}

// consecutiveReading judges the server's run of failures: errors clients
// saw in a row, or failed attempts HAProxy counted (runtime API) since the
// server's last good response, whichever is longer; a run of failed
// attempts the runtime API saw stall the server is hot below the threshold.
func (d *Detector) consecutiveReading(s *series, sec int64) reading {
	recent := s.lastErrSec > sec-d.cfg.windowSeconds()
	run := 0
	if recent {
		run = s.runPeak
	}
	stalled := false
	if s.lastAttemptSec > sec-d.cfg.windowSeconds() {
		run = max(run, s.attemptPeak)
		stalled = s.attemptStalled && s.attemptsLead()
	}
	hot := run >= d.cfg.ConsecutiveErrors || stalled
	return reading{
		hot: hot, warm: hot, observed: float64(run),
		threshold: float64(d.cfg.ConsecutiveErrors), unit: "errors",
		samples: int(s.scratch.win.total),
	}
}

// errorRatioReading judges the share of backend-fault errors among all
// requests. "<NOSRV>" answers are in both the numerator and the
// denominator (a total outage reads 100%, never a falling ratio), but they
// alone do not start the anomaly: no_server reports them.
func (d *Detector) errorRatioReading(s *series) reading {
	w := &s.scratch.win
	base := s.errBase.value
	thr := max(d.cfg.MinErrorRatio, base*d.cfg.ErrorRatioFactor)
	r := reading{baseline: base, threshold: thr, unit: "ratio", samples: int(w.total)}
	if int(w.total) < d.cfg.MinRequests {
		return r
	}
	served := w.errors - w.causes[event.CauseNoServer]
	r.observed = float64(w.errors) / float64(w.total)
	r.hot = r.observed >= thr && int(served) >= d.cfg.MinErrors
	r.warm = w.errors > 0 && r.observed >= base+d.cfg.Hysteresis*(thr-base)
	return r
}

// latencyReading compares the window's latency quantile with its baseline,
// once the baseline has warmed up.
func (d *Detector) latencyReading(s *series) reading {
	w := &s.scratch.win
	base := s.latBase.value
	thr := max(base*d.cfg.LatencyFactor, base+d.cfg.LatencyFloor.Seconds())
	r := reading{baseline: base, threshold: thr, unit: "seconds", samples: w.samples()}
	if r.samples < d.cfg.MinLatencySamples {
		return r
	}
	r.observed = d.lat.quantile(d.cfg.LatencyQuantile).Seconds()
	if !s.latBase.learnedFor(d.cfg.LatencyWarmup) {
		return r
	}
	r.hot = r.observed >= thr
	r.warm = r.observed >= base+d.cfg.Hysteresis*(thr-base)
	return r
}

// noServerReading fires on "<NOSRV>" answers in the window, or at once
// when HAProxy said the backend has no server UP.
func (d *Detector) noServerReading(s *series) reading {
	w := &s.scratch.win
	n := int(w.causes[event.CauseNoServer])
	return reading{
		hot:       s.noServerUp || n >= d.cfg.NoServerMin,
		warm:      s.noServerUp || n > 0,
		observed:  float64(n),
		threshold: float64(d.cfg.NoServerMin),
		unit:      "errors",
		samples:   int(w.total),
	}
}

// spread adds server s's conditions to its backend's scratch state. It
// counts the servers at the lower (warm) level, so that a problem spread
// over servers hovering around the threshold stays the backend's.
func (d *Detector) spread(s *series) {
	be := d.keys.m[seriesKey{s.key.backend, ""}]
	if be == nil {
		return
	}
	if s.scratch.r[kErrorRatio].warm {
		be.scratch.spreadErr++
	}
	if s.scratch.r[kLatency].warm {
		be.scratch.spreadLat++
	}
	if s.scratch.win.causes[event.CauseServerAbort] > 0 {
		be.scratch.abortServers++
	}
	if s.scratch.win.errors > 0 {
		be.scratch.errServers++
	}
}

// holds is a detector's raw condition: hot, or warm while firing.
func (d *Detector) holds(s *series, k kindIndex) bool {
	r := &s.scratch.r[k]
	if s.trackers[k].state == StateFiring {
		return r.warm
	}
	return r.hot
}

// condition is holds with the server/backend split applied: an error-ratio
// or latency problem on one server is that server's anomaly; on two or more
// servers it is the backend's, with the servers' own suppressed. A server's
// error_ratio does not start while its consecutive_5xx is active: same
// server, same errors, one report.
func (d *Detector) condition(s *series, k kindIndex) bool {
	ok := d.holds(s, k)
	if !ok || (k != kErrorRatio && k != kLatency) {
		return ok
	}
	if k == kErrorRatio && !s.isBackend() && s.trackers[kErrorRatio].state == "" &&
		s.trackers[kConsecutive].state != "" {
		return false
	}
	be := s
	if !s.isBackend() {
		if be = d.keys.m[seriesKey{s.key.backend, ""}]; be == nil {
			return ok
		}
	}
	n := be.scratch.spreadErr
	if k == kLatency {
		n = be.scratch.spreadLat
	}
	if s.isBackend() {
		// No server over its own threshold: the backend's ratio speaks only
		// when the errors are spread over several servers; errors of one
		// server are that server's anomaly (consecutive_5xx or its own
		// error_ratio once it has the volume), not a second report.
		if n == 0 && k == kErrorRatio && s.trackers[k].state == "" {
			return be.scratch.errServers != 1
		}
		return n != 1
	}
	return n < 2
}

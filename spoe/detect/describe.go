package detect

import (
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// describe refreshes the anomaly of tracker k on s from this Tick's
// reading: the numbers, the dominant cause, and the one-line message.
func (d *Detector) describe(s *series, k kindIndex, now time.Time) {
	a := s.trackers[k].a
	r := &s.scratch.r[k]
	w := &s.scratch.win
	a.Observed, a.Baseline, a.Threshold = r.observed, r.baseline, r.threshold
	a.Unit, a.Samples, a.LastSeen = r.unit, r.samples, now
	a.Peak = max(a.Peak, r.observed)
	a.Errors = int(w.errors)
	if k != kNoServer {
		a.Errors -= int(w.causes[event.CauseNoServer]) // no_server reports those
	}
	// A cause named from errors is kept when a later window has none (a
	// server DOWN after refusing connections stays "connection_refused").
	if c, n := d.causeOf(s, k); n > 0 || a.CauseErrors == 0 {
		a.Cause, a.CauseErrors = c, n
	}
	a.Message, a.NextStep = d.explain(s, k, a)
}

// causeOf returns the anomaly's cause and how many errors in the window
// had it.
func (d *Detector) causeOf(s *series, k kindIndex) (event.Cause, int) {
	w := &s.scratch.win
	switch k {
	case kServerDown:
		c, n := w.dominantCause()
		if n == 0 {
			return event.CauseServerDown, 0
		}
		return c, n
	case kNoServer:
		n := int(w.causes[event.CauseNoServer])
		if n == 0 && s.noServerUp {
			return event.CauseNoServerUp, 0
		}
		return event.CauseNoServer, n
	case kLatency:
		return event.CauseNone, 0 // slowness is not an error cause
	}
	causes := w.causes
	causes[event.CauseNoServer] = 0
	best, count := event.CauseNone, uint32(0)
	for c, n := range causes {
		if n > count {
			best, count = event.Cause(c), n
		}
	}
	if k == kConsecutive && s.attemptsLead() {
		return s.attemptCause, s.attemptPeak
	}
	return best, int(count)
}

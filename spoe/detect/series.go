package detect

import "github.com/hapguard/hapguard/spoe/event"

// seriesKey names a backend (server "") or one of its servers.
type seriesKey struct{ backend, server string }

// series is the state of one key: a ring of one-second buckets, the
// consecutive-error run, server state, baselines and anomaly trackers. A
// series struct is reused when its key is evicted, ring included, so the
// steady state does not allocate.
type series struct {
	key        seriesKey
	gen        uint32 // bumped on reuse, so stale references can tell
	prev, next *series
	ring       []bucket

	run, runPeak int   // consecutive backend-fault errors, and the tick's peak
	lastErrSec   int64 // second of the last error
	latestGood   bool  // the latest transaction that was good or an error was good
	latestFast   bool  // the latest latency sample was below the latency anomaly's threshold

	// Failed attempts the runtime API counted (econ+wretr, layer-4
	// check failures) since the server's last good response.
	attemptRun, attemptPeak int
	attemptPolls            int  // polls that added to attemptRun
	attemptStalled          bool // the runtime API's latest poll found the server stalled (runtimeapi/stall.go)
	lastAttemptSec          int64
	attemptCause            event.Cause

	state       event.ServerState // server: last state from the runtime API or log
	checkStatus string
	checkDesc   string
	failedCheck string // server: the last failing check status and its description
	failedDesc  string
	noServerUp  bool   // backend: told that no server is UP
	lastCheck   string // backend: latest failing check status of a server

	errBase ewma
	latBase ewma // seconds

	trackers [numKinds]tracker
	scratch  evaluation
}

// reset clears s for a new key, keeping its ring allocation.
func (s *series) reset(key seriesKey) {
	ring, gen := s.ring, s.gen+1
	clear(ring)
	*s = series{key: key, gen: gen, ring: ring}
}

// isBackend reports whether s is a backend-wide key.
func (s *series) isBackend() bool { return s.key.server == "" }

// bucketAt returns the bucket of second sec, recycling the slot when it
// holds an older second, or nil when sec has already left the ring.
func (s *series) bucketAt(sec int64) *bucket {
	n := int64(len(s.ring))
	b := &s.ring[((sec%n)+n)%n]
	if b.sec == sec {
		return b
	}
	if b.sec > sec {
		return nil
	}
	*b = bucket{counts: counts{sec: sec}}
	return b
}

// existing returns the bucket of second sec if the ring still holds it.
func (s *series) existing(sec int64) *bucket {
	n := int64(len(s.ring))
	b := &s.ring[((sec%n)+n)%n]
	if b.sec != sec {
		return nil
	}
	return b
}

// add counts x in second sec, or in second now if sec has left the ring.
// It returns the second actually used.
func (s *series) add(sec, now int64, x sample) int64 {
	b := s.bucketAt(sec)
	if b == nil {
		sec, b = now, s.bucketAt(now)
	}
	if b != nil {
		b.add(x, 1)
	}
	return sec
}

// remove takes x out of second sec if that bucket is still in the ring.
func (s *series) remove(sec int64, x sample) {
	if b := s.existing(sec); b != nil {
		b.add(x, -1)
	}
}

// window sums the seconds (now-w, now] into out, and their latencies into
// lat.
func (s *series) window(now, w int64, out *counts, lat *windowHist) {
	*out = counts{sec: now}
	lat.reset()
	for sec := now - w + 1; sec <= now; sec++ {
		if b := s.existing(sec); b != nil {
			out.merge(&b.counts)
			lat.merge(&b.lat)
		}
	}
}

// follow updates the consecutive-error run with one transaction. Client
// aborts and HAProxy's own decisions neither extend nor break it.
func (s *series) follow(x sample, sec int64) {
	switch {
	case x.err:
		s.run++
		s.runPeak = max(s.runPeak, s.run)
		s.lastErrSec = max(s.lastErrSec, sec)
	case x.good:
		s.run, s.attemptRun, s.attemptPolls, s.attemptStalled = 0, 0, 0, false
	}
}

// attempts extends the failed-attempt run by n attempts with cause c;
// stalled is whether the runtime API found the server stalled at that poll.
func (s *series) attempts(c event.Cause, n int, stalled bool, sec int64) {
	if n > 0 {
		s.attemptRun += n
		s.attemptPolls++
	}
	s.attemptStalled = stalled // the runtime API's latest judgement
	s.attemptPeak = max(s.attemptPeak, s.attemptRun)
	s.lastAttemptSec = max(s.lastAttemptSec, sec)
	s.attemptCause = c
}

// note remembers whether the latest judged transaction was good, for the
// verdict (see shownKind). Transactions neither good nor errors do not count.
func (s *series) note(x sample) {
	if x.good || x.err {
		s.latestGood = x.good
	}
	if x.bin >= 0 {
		t := &s.trackers[kLatency]
		s.latestFast = t.a != nil && binMiddle(int(x.bin)).Seconds() < t.a.Threshold
	}
}

// hasActive reports whether any anomaly of s is pending or firing.
func (s *series) hasActive() bool {
	for i := range s.trackers {
		if s.trackers[i].state != "" {
			return true
		}
	}
	return false
}

// attemptsConfirmed reports a run of failed attempts that HAProxy counted
// on two polls or more, or a stall: the failure outlived a retry
// turn-around (or a poll interval), so it needs no further confirmation.
func (s *series) attemptsConfirmed() bool {
	return s.attemptsLead() && (s.attemptPolls >= 2 || s.attemptStalled)
}

// attemptsLead reports whether the failed attempts the runtime API counted
// make a longer run than the errors clients saw.
func (s *series) attemptsLead() bool { return s.attemptPeak > s.runPeak && s.attemptPeak > 0 }

package detect

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Detector finds anomalies in the event stream; see the package
// documentation for the concurrency contract and the join rule.
type Detector struct {
	cfg    Config
	clock  func() time.Time
	ignore map[string]struct{} // Config.IgnoreBackends

	mu        sync.Mutex
	keys      keyTable
	join      joinSet
	logSeen   int64 // second of the last log response event, 0 if none
	logHasIDs bool  // whether that event carried a unique-id
	seq       uint64
	history   []Anomaly // resolved anomalies, a ring of cfg.History
	histNext  int
	pending   []Transition // produced between ticks (evictions)
	stats     Stats

	lat           windowHist // the latencies of the key being evaluated
	verdictsDirty bool
	verdictsLive  bool // some anomaly was firing at the last publication
	verdicts      atomic.Pointer[map[seriesKey]string]
}

// New returns a detector. Zero or negative fields of cfg take their
// defaults (call Config.Validate first to report them instead); a nil clock
// means time.Now. The clock places events that arrive without a usable
// timestamp; Tick's argument drives evaluation.
func New(cfg Config, clock func() time.Time) *Detector {
	if clock == nil {
		clock = time.Now
	}
	d := &Detector{cfg: cfg.withDefaults(), clock: clock, ignore: map[string]struct{}{}}
	for _, b := range d.cfg.IgnoreBackends {
		d.ignore[b] = struct{}{}
	}
	d.keys.init(d.cfg.MaxKeys, d.cfg.RingSeconds)
	d.join = newJoinSet(d.cfg.JoinCapacity, d.cfg.JoinWindow)
	empty := map[seriesKey]string{}
	d.verdicts.Store(&empty)
	return d
}

// Config returns the configuration in effect, defaults filled in.
func (d *Detector) Config() Config { return d.cfg }

// Tick evaluates every key over the window ending at now and returns the
// anomalies that started firing or were resolved since the last call. Call
// it about once a second (more often is fine: durations are measured in
// time, not in ticks).
func (d *Detector) Tick(now time.Time) []Transition {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := d.pending
	d.pending = nil
	sec := now.Unix()
	for s := range d.keys.all {
		d.evaluate(s, sec)
	}
	for s := range d.keys.all {
		if !s.isBackend() {
			d.spread(s)
		}
	}
	for s := range d.keys.all {
		out = d.advance(s, now, out)
	}
	if d.verdictsDirty || d.verdictsLive {
		d.publishVerdicts()
	}
	return out
}

// advance steps every tracker of s and learns its baselines.
func (d *Detector) advance(s *series, now time.Time, out []Transition) []Transition {
	for k := range numKinds {
		if !applies(s, k) {
			continue
		}
		if tr, ok := d.step(s, k, d.condition(s, k), now); ok {
			out = append(out, tr)
		}
	}
	d.learn(s, now)
	s.runPeak, s.attemptPeak = s.run, s.attemptRun
	return out
}

// applies reports whether kind k is judged on s: server state and
// consecutive errors per server, no_server per backend, the rest on both.
func applies(s *series, k kindIndex) bool {
	switch k {
	case kServerDown, kConsecutive:
		return !s.isBackend()
	case kNoServer:
		return s.isBackend()
	}
	return true
}

// Active returns the pending and firing anomalies, oldest first.
func (d *Detector) Active() []Anomaly {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []Anomaly
	for s := range d.keys.all {
		for i := range s.trackers {
			if s.trackers[i].state != "" {
				out = append(out, *s.trackers[i].a)
			}
		}
	}
	slices.SortFunc(out, func(a, b Anomaly) int {
		return cmp.Or(a.FirstSeen.Compare(b.FirstSeen), cmp.Compare(a.Backend, b.Backend),
			cmp.Compare(a.Server, b.Server), cmp.Compare(a.Kind, b.Kind))
	})
	return out
}

// Recent returns up to n resolved anomalies, most recently resolved first
// (at most Config.History are kept).
func (d *Detector) Recent(n int) []Anomaly {
	d.mu.Lock()
	defer d.mu.Unlock()
	size := len(d.history)
	n = min(max(n, 0), size)
	out := make([]Anomaly, 0, n)
	for i := range n {
		out = append(out, d.history[(d.histNext-1-i+2*size)%size])
	}
	return out
}

// Stats returns the detector's counters.
func (d *Detector) Stats() Stats {
	d.mu.Lock()
	defer d.mu.Unlock()
	st := d.stats
	st.Keys = len(d.keys.m)
	return st
}

package alertmanager

import (
	"cmp"
	"maps"
	"slices"
	"time"
)

// entry is one alert the client keeps sending.
type entry struct {
	alert      Alert
	labels     map[string]string
	startsAt   time.Time
	resolvedAt time.Time // non-zero: send once as resolved, then forget
	lastSent   time.Time // zero until Alertmanager accepted it once
	nextSend   time.Time // zero (new, re-fired, relabelled): at the next flush
	touched    time.Time // last Fire or Resolve, for eviction
}

// outgoing is one alert of a flush.
type outgoing struct {
	key      string
	resolved bool
	retired  bool // an old label set of key, not an entry of its own
	p        payload
}

// activeSet holds the alerts by caller key, at most max of them. It is
// used from Run's goroutine only.
type activeSet struct {
	max     int
	entries map[string]*entry
	retired []outgoing // label sets replaced by a relabelling Fire
}

func newActiveSet(max int) *activeSet {
	return &activeSet{max: max, entries: map[string]*entry{}}
}

// fire adds or updates an alert and returns how many were evicted to make
// room. A change of labels makes Alertmanager see a new alert, so the old
// label set is sent once as resolved.
func (s *activeSet) fire(key string, a Alert, now time.Time) (evicted int) {
	labels := a.labels()
	e, ok := s.entries[key]
	if !ok {
		evicted = s.makeRoom()
		e = &entry{startsAt: now}
		s.entries[key] = e
	} else if !maps.Equal(e.labels, labels) && !e.lastSent.IsZero() {
		evicted = s.retire(outgoing{key: key, resolved: true, retired: true, p: e.payload(now)})
		e.nextSend, e.lastSent = time.Time{}, time.Time{}
	}
	if !e.resolvedAt.IsZero() {
		e.resolvedAt, e.nextSend = time.Time{}, time.Time{}
	}
	if !a.StartsAt.IsZero() {
		e.startsAt = a.StartsAt
	}
	e.alert, e.labels, e.touched = a, labels, now
	return evicted
}

// resolve marks an alert resolved at endsAt (now when zero). An alert
// Alertmanager never received is simply forgotten.
func (s *activeSet) resolve(key string, endsAt, now time.Time) {
	e, ok := s.entries[key]
	if !ok {
		return
	}
	if e.lastSent.IsZero() {
		delete(s.entries, key)
		return
	}
	e.resolvedAt, e.touched = cmp.Or(endsAt, now), now
}

// makeRoom evicts the least recently touched alert when the set is full.
func (s *activeSet) makeRoom() int {
	if len(s.entries) < s.max {
		return 0
	}
	oldest := ""
	for k, e := range s.entries {
		if oldest == "" || e.touched.Before(s.entries[oldest].touched) {
			oldest = k
		}
	}
	delete(s.entries, oldest)
	return 1
}

// retire queues a resolved label set, dropping the oldest beyond max.
func (s *activeSet) retire(o outgoing) int {
	s.retired = append(s.retired, o)
	if len(s.retired) <= s.max {
		return 0
	}
	s.retired = slices.Delete(s.retired, 0, 1)
	return 1
}

// due returns the alerts to send now, ordered by key: every resolved one,
// and firing ones that are new or whose next send is due.
func (s *activeSet) due(now time.Time, resend time.Duration) []outgoing {
	out := s.retired
	s.retired = nil
	for key, e := range s.entries {
		switch {
		case !e.resolvedAt.IsZero():
			out = append(out, outgoing{key: key, resolved: true, p: e.payload(e.resolvedAt)})
		case !now.Before(e.nextSend):
			out = append(out, outgoing{key: key, p: e.payload(now.Add(4 * resend))})
		}
	}
	slices.SortStableFunc(out, func(a, b outgoing) int { return cmp.Compare(a.key, b.key) })
	return out
}

// payload renders the entry with the given endsAt, never before startsAt
// (Alertmanager rejects such an alert).
func (e *entry) payload(endsAt time.Time) payload {
	if endsAt.Before(e.startsAt) {
		endsAt = e.startsAt
	}
	return payload{Labels: e.labels, Annotations: e.alert.annotations(), StartsAt: e.startsAt, EndsAt: endsAt}
}

// sent records the outcome of sending batch. Resolved alerts are forgotten
// either way; the number given up (ok false) is returned. A firing alert is
// sent again resend later, whether it got through or not.
func (s *activeSet) sent(batch []outgoing, ok bool, now time.Time, resend time.Duration) (givenUp int) {
	for _, o := range batch {
		e := s.entries[o.key]
		switch {
		case o.resolved:
			if !o.retired {
				delete(s.entries, o.key)
			}
			if !ok {
				givenUp++
			}
		case e != nil:
			e.nextSend = now.Add(resend)
			if ok {
				e.lastSent = now
			}
		}
	}
	return givenUp
}

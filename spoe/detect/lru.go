package detect

import "strings"

// victimScan is how many of the least recently used keys eviction looks at
// to find one without an active anomaly before it takes the oldest anyway.
const victimScan = 8

// keyTable maps keys to series, in least-recently-used order, with at most
// max entries.
type keyTable struct {
	m       map[seriesKey]*series
	free    []*series // removed series, reused before allocating
	head    series    // sentinel: head.next is the most recent, head.prev the least
	max     int
	ringLen int
}

// init prepares an empty table; k must not move afterwards.
func (k *keyTable) init(maxKeys, ringLen int) {
	k.m = make(map[seriesKey]*series, min(maxKeys, 1024))
	k.head.next, k.head.prev = &k.head, &k.head
	k.max, k.ringLen = maxKeys, ringLen
}

// get returns the series of key, marking it recently used, or nil.
func (k *keyTable) get(key seriesKey) *series {
	s := k.m[key]
	if s != nil {
		k.unlink(s)
		k.pushFront(s)
	}
	return s
}

// full reports whether a new key needs an eviction first.
func (k *keyTable) full() bool { return len(k.m) >= k.max }

// victim picks the key to evict: the least recently used one without an
// active anomaly among the last victimScan, else the least recently used.
// It never picks the most recently used key (the caller may hold it), so
// the table must be full and hold at least two keys.
func (k *keyTable) victim() *series {
	s := k.head.prev
	for range victimScan {
		if s == k.head.next {
			break
		}
		if !s.hasActive() {
			return s
		}
		s = s.prev
	}
	return k.head.prev
}

// insert adds key, reusing victim's memory when given (it must be in the
// table), and returns its series as the most recently used.
func (k *keyTable) insert(key seriesKey, victim *series) *series {
	key = seriesKey{strings.Clone(key.backend), strings.Clone(key.server)}
	s := victim
	switch {
	case s != nil:
		delete(k.m, s.key)
		k.unlink(s)
		s.reset(key)
	case len(k.free) > 0:
		s = k.free[len(k.free)-1]
		k.free = k.free[:len(k.free)-1]
		s.reset(key)
	default:
		s = &series{key: key, ring: make([]bucket, k.ringLen)}
	}
	k.m[key] = s
	k.pushFront(s)
	return s
}

func (k *keyTable) unlink(s *series) {
	s.prev.next, s.next.prev = s.next, s.prev
	s.prev, s.next = nil, nil
}

func (k *keyTable) pushFront(s *series) {
	s.prev, s.next = &k.head, k.head.next
	k.head.next.prev = s
	k.head.next = s
}

// all returns every series, most recently used first.
func (k *keyTable) all(yield func(*series) bool) {
	for s := k.head.next; s != &k.head; {
		next := s.next
		if !yield(s) {
			return
		}
		s = next
	}
}

// remove drops s from the table and keeps its memory for the next new
// key: join slots may still point at it for minutes, so a new allocation
// per removed key would keep growing the heap until they are overwritten
// (measured in bench/soak.sh: about 8 KB per server renamed by a reload).
// Its generation is bumped so that those slots leave it alone.
func (k *keyTable) remove(s *series) {
	delete(k.m, s.key)
	k.unlink(s)
	s.gen++
	k.free = append(k.free, s)
}

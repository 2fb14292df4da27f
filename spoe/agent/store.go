package agent

import (
	"cmp"
	"slices"
	"sync"
)

// defaultRecentSize is how many resolved anomalies the API remembers.
const defaultRecentSize = 100

// anomalyStore keeps the active anomalies and the most recently resolved
// ones for the API. The pipeline writes it; HTTP handlers read it.
type anomalyStore struct {
	mu         sync.Mutex
	active     map[[3]string]Report
	recent     []Report // ring, oldest overwritten first
	next       int
	recentSize int
}

func newAnomalyStore(recentSize int) *anomalyStore {
	return &anomalyStore{active: make(map[[3]string]Report), recentSize: max(recentSize, 1)}
}

// apply records a transition.
func (s *anomalyStore) apply(r Report) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.State == StateFiring {
		s.active[r.key()] = r
		return
	}
	delete(s.active, r.key())
	if len(s.recent) < s.recentSize {
		s.recent = append(s.recent, r)
		return
	}
	s.recent[s.next] = r
	s.next = (s.next + 1) % s.recentSize
}

// snapshot returns the active anomalies (oldest first) and the recently
// resolved ones (newest first), as copies.
func (s *anomalyStore) snapshot() (active, recent []Report) {
	s.mu.Lock()
	active = make([]Report, 0, len(s.active))
	for _, r := range s.active {
		active = append(active, r)
	}
	recent = append(make([]Report, 0, len(s.recent)), s.recent...)
	s.mu.Unlock()
	slices.SortFunc(active, func(a, b Report) int { return a.FiredAt.Compare(b.FiredAt) })
	slices.SortStableFunc(recent, func(a, b Report) int { return cmp.Compare(b.ResolvedAt.UnixNano(), a.ResolvedAt.UnixNano()) })
	return active, recent
}

// activeCount returns the number of active anomalies.
func (s *anomalyStore) activeCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.active)
}

package server

import (
	"maps"
	"sync"
	"sync/atomic"
)

// cowMap is a copy-on-write map: readers load an immutable snapshot without
// locks (no contention between the library's many handler goroutines),
// writers copy it. It suits sets that stop growing after warm-up, and holds
// at most max entries.
type cowMap[V any] struct {
	snapshot atomic.Pointer[map[string]V]
	mu       sync.Mutex // serialises writers
	max      int
}

func newCOWMap[V any](max int) *cowMap[V] {
	c := &cowMap[V]{max: max}
	c.snapshot.Store(&map[string]V{})
	return c
}

func (c *cowMap[V]) get(k string) (V, bool) {
	v, ok := (*c.snapshot.Load())[k]
	return v, ok
}

// put stores k unless it is present or the map is full, and returns the
// stored value (the existing one when k was already there).
func (c *cowMap[V]) put(k string, v V) V {
	c.mu.Lock()
	defer c.mu.Unlock()
	old := *c.snapshot.Load()
	if existing, ok := old[k]; ok {
		return existing
	}
	if len(old) >= c.max {
		return v
	}
	next := maps.Clone(old)
	next[k] = v
	c.snapshot.Store(&next)
	return v
}

// names interns frontend, backend and server names so that every event for
// the same name shares one string; lookups of a known name do not allocate.
// Past the bound, names are used as they come (the library already made them
// immutable copies), so memory stays bounded even when server names churn.
type names struct{ m *cowMap[string] }

func newNames(max int) *names { return &names{m: newCOWMap[string](max)} }

// intern returns the canonical copy of s.
func (n *names) intern(s string) string {
	if c, ok := n.m.get(s); ok {
		return c
	}
	return n.m.put(s, s)
}

// maxBoxedVerdicts bounds the verdict cache; verdicts are a handful of
// precomputed strings, so it is never reached in practice.
const maxBoxedVerdicts = 64

// verdicts caches each verdict string boxed in an interface value, the form
// the library's set-var action takes, so that boxing does not allocate per
// response.
type verdicts struct{ m *cowMap[any] }

func newVerdicts() *verdicts { return &verdicts{m: newCOWMap[any](maxBoxedVerdicts)} }

// boxed returns v as an interface value, allocated once per distinct v.
func (c *verdicts) boxed(v string) any {
	if b, ok := c.m.get(v); ok {
		return b
	}
	return c.m.put(v, v)
}

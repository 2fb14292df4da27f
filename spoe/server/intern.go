package server

import "sync"

// names interns frontend, backend and server names so that every event for
// the same name shares one string. Lookups of a known name do not allocate.
// It holds at most max names; past that, names are used as they come (the
// library already made them immutable copies), so memory stays bounded even
// when server names churn at runtime.
type names struct {
	mu  sync.RWMutex
	m   map[string]string
	max int
}

func newNames(max int) *names {
	return &names{m: make(map[string]string), max: max}
}

// intern returns the canonical copy of s.
func (n *names) intern(s string) string {
	n.mu.RLock()
	c, ok := n.m[s]
	n.mu.RUnlock()
	if ok {
		return c
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if c, ok := n.m[s]; ok {
		return c
	}
	if len(n.m) >= n.max {
		return s
	}
	n.m[s] = s
	return s
}

// maxBoxedVerdicts bounds the verdict cache; verdicts are a handful of
// precomputed strings, so it is never reached in practice.
const maxBoxedVerdicts = 64

// verdicts caches each verdict string boxed in an interface value, the form
// the library's set-var action takes, so that boxing does not allocate per
// response.
type verdicts struct {
	mu sync.RWMutex
	m  map[string]any
}

func newVerdicts() *verdicts { return &verdicts{m: make(map[string]any)} }

// boxed returns v as an interface value, allocated once per distinct v.
func (c *verdicts) boxed(v string) any {
	c.mu.RLock()
	b, ok := c.m[v]
	c.mu.RUnlock()
	if ok {
		return b
	}
	b = v
	c.mu.Lock()
	if len(c.m) < maxBoxedVerdicts {
		c.m[v] = b
	}
	c.mu.Unlock()
	return b
}

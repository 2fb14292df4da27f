package lint

import "sync"

// memoTable holds Config.Memo's values; each is computed once even when
// rules running in parallel ask for it at the same time.
type memoTable struct {
	mu      sync.Mutex
	entries map[any]*memoEntry
}

type memoEntry struct {
	once  sync.Once
	value any
}

// Memo returns the value cached under key for this configuration, computing
// it on first use. Rules use it to share derived views (a backend's
// effective server options, say) instead of rebuilding them once per rule,
// which matters at 250,000 servers. Keys should be values of a type private
// to the caller, as with context keys. Memo is safe for concurrent use;
// compute may itself call Memo with other keys, and its result must be
// treated as read-only.
func (c *Config) Memo(key any, compute func() any) any { return c.memo.get(key, compute) }

// get returns the value under key, computing it once.
func (m *memoTable) get(key any, compute func() any) any {
	m.mu.Lock()
	e, ok := m.entries[key]
	if !ok {
		if m.entries == nil {
			m.entries = map[any]*memoEntry{}
		}
		e = &memoEntry{}
		m.entries[key] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.value = compute() })
	return e.value
}

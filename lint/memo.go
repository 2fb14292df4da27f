package lint

// Memo returns the value cached under key for this configuration, computing
// it on first use. Rules use it to share derived views (a backend's
// effective server options, say) instead of rebuilding them once per rule,
// which matters at 250,000 servers. Keys should be values of a type
// private to the caller, as with context keys. Rules run one at a time, so
// Memo needs no locking.
func (c *Config) Memo(key any, compute func() any) any {
	if v, ok := c.memo[key]; ok {
		return v
	}
	if c.memo == nil {
		c.memo = map[any]any{}
	}
	v := compute()
	c.memo[key] = v
	return v
}

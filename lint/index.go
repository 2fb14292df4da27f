package lint

import "sync"

// Per-section indexes built once at load, so that looking a keyword up
// costs the same in a section of ten lines and in one of a hundred
// thousand (a backend with 40,000 servers, a frontend with 40,000 routes),
// and inheritance through long "from" chains costs the same as through one
// defaults section.

// indexedSection is the number of directives above which a section gets a
// keyword index; below it, a scan is as fast and costs no memory.
const indexedSection = 16

// memoizedDepth is the spacing of the defaults sections that remember what
// they resolved for their descendants: every memoizedDepth-th section of a
// chain, so a lookup walks at most that many sections before an answer
// remembered, and a chain of n sections keeps n/memoizedDepth answers per
// question.
const memoizedDepth = 4

// sectionKinds lists the sections of each kind, and the proxies, in order.
type sectionKinds struct {
	byKind  map[string][]*Section
	proxies []*Section
}

// of returns the sections of one kind, capped so that an append copies.
func (k sectionKinds) of(kind string) []*Section {
	l := k.byKind[kind]
	return l[:len(l):len(l)]
}

// keywordIndex maps a first word to the section's directives starting with
// it, in order.
type keywordIndex map[string][]*Directive

// buildIndexes indexes the keywords of large sections and gives deep
// defaults sections an inheritance memo. It runs after resolveDefaults.
func (c *Config) buildIndexes() {
	c.kinds = sectionKinds{byKind: map[string][]*Section{}}
	depth := map[*Section]int{} // of defaults sections: 0 for one inheriting nothing
	for _, s := range c.Sections {
		c.kinds.byKind[s.Kind] = append(c.kinds.byKind[s.Kind], s)
		if s.IsProxy() {
			c.kinds.proxies = append(c.kinds.proxies, s)
		}
		if len(s.Directives) > indexedSection {
			s.keywords = keywordIndex{}
			for _, d := range s.Directives {
				s.keywords[d.Keyword()] = append(s.keywords[d.Keyword()], d)
			}
		}
		if s.Kind == "defaults" {
			if s.Defaults != nil {
				// Defaults are always above: their depth is known.
				depth[s] = depth[s.Defaults] + 1
			}
			if d := depth[s]; d > 0 && d%memoizedDepth == 0 {
				s.inherited = &chainMemo{answers: map[chainKey]*Directive{}}
			}
		}
		s.mode = sectionMode{resolved: true, d: s.Last("mode")}
		if s.mode.d == nil && s.Defaults != nil {
			// Defaults are always above: already resolved.
			s.mode.d = s.Defaults.mode.d
		}
	}
}

// sectionMode is the "mode" line in effect for a section, resolved once at
// load; Section.Mode reads it for every route of every frontend.
type sectionMode struct {
	resolved bool
	d        *Directive
}

// withKeyword returns the section's directives that may start with kw: all
// of them for a small section, only those that do for an indexed one.
// Callers still match the words they need.
func (s *Section) withKeyword(kw string) []*Directive {
	if s.keywords != nil {
		return s.keywords[kw]
	}
	return s.Directives
}

// chainKey identifies one inherited lookup in a defaults section's memo.
type chainKey struct {
	kind  byte // 'e' for Effective, 'o' for Option, 'i' for Inherit
	words string
}

// Inherit returns own(sec) for the first section from s up its defaults
// chain where it is not nil, or nil. key names the question own answers
// (say "check protocol"): deep defaults sections remember the answer under
// it, so asking it for every section of a chain of n costs O(n) in total.
// own must depend only on the section it is given.
func (s *Section) Inherit(key string, own func(*Section) *Directive) *Directive {
	return inherit(s, func() chainKey { return chainKey{'i', key} }, own)
}

// chainMemo is what a defaults section remembers of the lookups resolved
// from it up its chain. Concurrent rules may compute one answer twice (the
// same answer); none waits for another.
type chainMemo struct {
	mu      sync.Mutex
	answers map[chainKey]*Directive
}

// get returns the answer under key, computing it if none is remembered.
func (m *chainMemo) get(key chainKey, compute func() *Directive) *Directive {
	m.mu.Lock()
	d, ok := m.answers[key]
	m.mu.Unlock()
	if ok {
		return d
	}
	d = compute()
	m.mu.Lock()
	m.answers[key] = d
	m.mu.Unlock()
	return d
}

// inherit returns own(sec) for the first section from s up its defaults
// chain where it is not nil. Deep defaults sections remember their answer
// under key, so a chain of n sections costs O(n) in total, not O(n²).
func inherit(s *Section, key func() chainKey, own func(*Section) *Directive) *Directive {
	for sec := s; sec != nil; sec = sec.Defaults {
		if sec.inherited != nil && sec != s {
			return sec.inherited.get(key(), func() *Directive { return inherit(sec, key, own) })
		}
		if d := own(sec); d != nil {
			return d
		}
	}
	return nil
}

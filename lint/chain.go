package lint

import (
	"maps"
	"strings"
	"sync"
	"sync/atomic"
)

// Inheritance through long "from" chains. A question about a section (its
// "timeout server", its "option httpchk") is answered by the first section
// up its defaults chain that has its own answer. In a chain of n defaults
// sections, asking it of every section would cost O(n²): every
// memoizedDepth-th defaults section of a chain (a "waypoint") has its
// answers computed once per question, in load order, so a lookup walks at
// most memoizedDepth sections and then reads one slice element.

// memoizedDepth is the spacing of the waypoints along a chain.
const memoizedDepth = 4

// chainKey identifies one question asked up defaults chains.
type chainKey struct {
	kind byte // 'e' for Effective, 'o' for Option, 'i' for Inherit
	// first and second are the words asked for; rest joins the words after
	// the second, so that the usual one- or two-word questions allocate
	// nothing.
	first, second, rest string
}

// newChainKey returns the key of a question about words.
func newChainKey(kind byte, words []string) chainKey {
	k := chainKey{kind: kind}
	switch {
	case len(words) > 2:
		k.rest = strings.Join(words[2:], " ")
		fallthrough
	case len(words) == 2:
		k.second = words[1]
		fallthrough
	case len(words) == 1:
		k.first = words[0]
	}
	return k
}

// chainTables holds the waypoints of a configuration and, per question,
// the answer at each waypoint. The map of questions is replaced, never
// modified, when a question is first asked (a configuration asks a few
// dozen), so that the many lookups read it without a lock.
type chainTables struct {
	waypoints []*Section // in load order: a section's ancestors come first
	mu        sync.Mutex // serializes adding a question
	tables    atomic.Pointer[map[chainKey]*chainTable]
}

// chainTable is one question's answer at every waypoint, by waypoint
// ordinal; filled once, then read without locking.
type chainTable struct {
	once    sync.Once
	answers []*Directive
}

// remember makes s a waypoint. Sections are made waypoints in load order.
func (c *chainTables) remember(s *Section) {
	s.waypoint = len(c.waypoints) + 1
	s.chains = c
	c.waypoints = append(c.waypoints, s)
}

// answer returns the answer of waypoint w to the question key, own being
// that question asked of one section.
func (c *chainTables) answer(w *Section, key chainKey, own func(*Section) *Directive) *Directive {
	t := c.table(key)
	t.once.Do(func() { t.answers = c.fill(own) })
	return t.answers[w.waypoint-1]
}

// table returns the table of a question, adding it on first use.
func (c *chainTables) table(key chainKey) *chainTable {
	if m := c.tables.Load(); m != nil {
		if t := (*m)[key]; t != nil {
			return t
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.tables.Load()
	if old != nil {
		if t := (*old)[key]; t != nil {
			return t
		}
	}
	next := map[chainKey]*chainTable{}
	if old != nil {
		next = maps.Clone(*old)
	}
	t := &chainTable{}
	next[key] = t
	c.tables.Store(&next)
	return t
}

// fill answers one question at every waypoint, ancestors first, each from
// its own sections up to the next waypoint's answer.
func (c *chainTables) fill(own func(*Section) *Directive) []*Directive {
	answers := make([]*Directive, len(c.waypoints))
	for i, w := range c.waypoints {
		for sec := w; sec != nil; sec = sec.Defaults {
			if sec.waypoint != 0 && sec != w {
				answers[i] = answers[sec.waypoint-1]
				break
			}
			if d := own(sec); d != nil {
				answers[i] = d
				break
			}
		}
	}
	return answers
}

// Inherit returns own(sec) for the first section from s up its defaults
// chain where it is not nil, or nil. key names the question own answers
// (say "check protocol"): along long chains the answers are computed once
// per question. own must depend only on the section it is given.
func (s *Section) Inherit(key string, own func(*Section) *Directive) *Directive {
	return inherit(s, func() chainKey { return chainKey{kind: 'i', first: key} }, own)
}

// inherit returns own(sec) for the first section from s up its defaults
// chain where it is not nil, reading the answer of the first waypoint
// above s instead of walking further.
func inherit(s *Section, key func() chainKey, own func(*Section) *Directive) *Directive {
	for sec := s; sec != nil; sec = sec.Defaults {
		if sec.waypoint != 0 && sec != s {
			return sec.chains.answer(sec, key(), own)
		}
		if d := own(sec); d != nil {
			return d
		}
	}
	return nil
}

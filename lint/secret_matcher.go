package lint

import (
	"sort"
	"strings"
)

// secretMatcher finds every secret value in a text in one pass over it
// (an Aho-Corasick automaton), so that masking the messages of many
// findings costs no more with thousands of secrets than with one. Matches
// are replaced leftmost first, the longest value at a position winning.
type secretMatcher struct {
	root  [256]int32     // goto function from the root (0: stay at the root)
	edges map[edge]int32 // goto function of the trie below the root
	fail  []int32        // longest proper suffix of the state that is a trie state
	long  []int32        // length of the longest value ending at the state, 0 if none
	dict  []int32        // nearest state on the fail chain with long > 0, -1 if none
}

// edge is a trie transition: from a state on a byte.
type edge struct {
	from int32
	b    byte
}

func newSecretMatcher(values []string) *secretMatcher {
	m := &secretMatcher{edges: map[edge]int32{}, fail: []int32{0}, long: []int32{0}, dict: []int32{-1}}
	for _, v := range values {
		st := int32(0)
		for i := 0; i < len(v); i++ {
			next, ok := m.edges[edge{st, v[i]}]
			if !ok {
				next = int32(len(m.fail))
				m.edges[edge{st, v[i]}] = next
				m.fail, m.long, m.dict = append(m.fail, 0), append(m.long, 0), append(m.dict, -1)
				if st == 0 {
					m.root[v[i]] = next
				}
			}
			st = next
		}
		m.long[st] = max(m.long[st], int32(len(v)))
	}
	m.link()
	return m
}

// link computes the failure and dictionary links, breadth first.
func (m *secretMatcher) link() {
	children := make([][]edge, len(m.fail))
	for e := range m.edges {
		children[e.from] = append(children[e.from], e)
	}
	queue := []int32{0}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		for _, e := range children[st] {
			child := m.edges[e]
			if st != 0 {
				m.fail[child] = m.step(m.fail[st], e.b)
			}
			f := m.fail[child]
			if m.long[f] > 0 {
				m.dict[child] = f
			} else {
				m.dict[child] = m.dict[f]
			}
			queue = append(queue, child)
		}
	}
}

// step follows the automaton from st on byte b.
func (m *secretMatcher) step(st int32, b byte) int32 {
	for st != 0 {
		if next, ok := m.edges[edge{st, b}]; ok {
			return next
		}
		st = m.fail[st]
	}
	return m.root[b]
}

// span is one occurrence of a value in a text.
type span struct{ start, end int }

// replace returns s with every occurrence of a value replaced by mask.
func (m *secretMatcher) replace(s, mask string) string {
	var found []span
	st := int32(0)
	for i := 0; i < len(s); i++ {
		st = m.step(st, s[i])
		for o := st; o > 0; o = m.dict[o] {
			if m.long[o] > 0 {
				found = append(found, span{i + 1 - int(m.long[o]), i + 1})
			}
		}
	}
	if len(found) == 0 {
		return s
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].start != found[j].start {
			return found[i].start < found[j].start
		}
		return found[i].end > found[j].end
	})
	var b strings.Builder
	at := 0
	for _, f := range found {
		if f.start < at {
			continue // inside a longer or earlier match
		}
		b.WriteString(s[at:f.start])
		b.WriteString(mask)
		at = f.end
	}
	b.WriteString(s[at:])
	return b.String()
}

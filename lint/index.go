package lint

// Per-section indexes built once at load, so that looking a keyword up
// costs the same in a section of ten lines and in one of a hundred
// thousand (a backend with 40,000 servers, a frontend with 40,000 routes),
// and inheritance through long "from" chains costs the same as through one
// defaults section.

// indexedSection is the number of directives above which a section gets a
// keyword index; below it, a scan is as fast and costs no memory.
const indexedSection = 16

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
	chains := &chainTables{}
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
				chains.remember(s)
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

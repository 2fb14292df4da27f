package lint

import (
	"slices"
	"strings"
)

// Section returns the first section of this kind and name, or nil.
func (c *Config) Section(kind, name string) *Section {
	return c.byName[sectionKey{kind, name}]
}

// Backend returns the backend or listen section called name, as
// use_backend/default_backend resolve it, or nil.
func (c *Config) Backend(name string) *Section {
	if s := c.Section("backend", name); s != nil {
		return s
	}
	return c.Section("listen", name)
}

// SectionsOf returns the sections of the given kinds, in load order. The
// slice is shared: read it, do not modify it.
func (c *Config) SectionsOf(kinds ...string) []*Section {
	if len(kinds) == 1 {
		return c.kinds.of(kinds[0])
	}
	// Rules ask for the same few combinations once per rule: each is
	// computed once per configuration.
	out := c.Memo(sectionsOfKey(strings.Join(kinds, " ")), func() any {
		var out []*Section
		for _, s := range c.Sections {
			if slices.Contains(kinds, s.Kind) {
				out = append(out, s)
			}
		}
		return out
	}).([]*Section)
	return out[:len(out):len(out)]
}

// sectionsOfKey is SectionsOf's Memo key: the kinds, space separated.
type sectionsOfKey string

// Proxies returns every frontend, backend and listen section, in load
// order. The slice is shared: read it, do not modify it.
func (c *Config) Proxies() []*Section {
	return c.kinds.proxies[:len(c.kinds.proxies):len(c.kinds.proxies)]
}

// GlobalLookup returns the last directive starting with words in any global
// section, or nil.
func (c *Config) GlobalLookup(words ...string) *Directive {
	var found *Directive
	for _, s := range c.SectionsOf("global") {
		if d := s.Last(words...); d != nil {
			found = d
		}
	}
	return found
}

// Find returns this section's own directives starting with words.
func (s *Section) Find(words ...string) []*Directive {
	var out []*Directive
	for _, d := range s.withKeyword(words[0]) {
		if d.Is(words...) {
			out = append(out, d)
		}
	}
	return out
}

// Last returns this section's own last directive starting with words, or nil.
func (s *Section) Last(words ...string) *Directive {
	ds := s.withKeyword(words[0])
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i].Is(words...) {
			return ds[i]
		}
	}
	return nil
}

// Effective returns the directive starting with words that applies to this
// section: its own last one, else the one inherited through defaults.
func (s *Section) Effective(words ...string) *Directive {
	return inherit(s, func() chainKey { return newChainKey('e', words) },
		func(sec *Section) *Directive { return sec.Last(words...) })
}

// Option reports whether "option NAME" is in effect for the section, taking
// "no option NAME" and defaults inheritance into account. d is the directive
// that decided, nil when the option was never mentioned.
func (s *Section) Option(name string) (on bool, d *Directive) {
	d = inherit(s, func() chainKey { return chainKey{kind: 'o', first: name} },
		func(sec *Section) *Directive { return sec.lastOption(name) })
	return d != nil && d.Keyword() == "option", d
}

// lastOption returns the section's own last "option NAME" or "no option
// NAME", or nil.
func (s *Section) lastOption(name string) *Directive {
	on, off := s.Last("option", name), s.Last("no", "option", name)
	if off == nil || on != nil && off.Pos().Before(on.Pos()) {
		return on
	}
	return off
}

// Servers returns the server and server-template lines of the section, as
// EffectiveServers lists them from load.
func (s *Section) Servers() []*Directive {
	out := make([]*Directive, len(s.servers))
	for i, v := range s.servers {
		out[i] = v.Line.Directive
	}
	return out
}

// Mode returns the effective proxy mode ("http" or "tcp"; HAProxy's default
// is tcp) and the directive that set it, if any.
func (s *Section) Mode() (string, *Directive) {
	d := s.mode.d
	if !s.mode.resolved {
		d = s.Effective("mode")
	}
	if d == nil || len(d.Words) < 2 {
		return "tcp", d
	}
	return d.Words[1].Text(), d
}

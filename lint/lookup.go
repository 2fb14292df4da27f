package lint

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

// SectionsOf returns the sections of the given kinds, in load order.
func (c *Config) SectionsOf(kinds ...string) []*Section {
	var out []*Section
	for _, s := range c.Sections {
		for _, k := range kinds {
			if s.Kind == k {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// Proxies returns every frontend, backend and listen section.
func (c *Config) Proxies() []*Section { return c.SectionsOf("frontend", "backend", "listen") }

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
	for _, d := range s.Directives {
		if d.Is(words...) {
			out = append(out, d)
		}
	}
	return out
}

// Last returns this section's own last directive starting with words, or nil.
func (s *Section) Last(words ...string) *Directive {
	for i := len(s.Directives) - 1; i >= 0; i-- {
		if s.Directives[i].Is(words...) {
			return s.Directives[i]
		}
	}
	return nil
}

// Effective returns the directive starting with words that applies to this
// section: its own last one, else the one inherited through defaults.
func (s *Section) Effective(words ...string) *Directive {
	for sec := s; sec != nil; sec = sec.Defaults {
		if d := sec.Last(words...); d != nil {
			return d
		}
	}
	return nil
}

// Option reports whether "option NAME" is in effect for the section, taking
// "no option NAME" and defaults inheritance into account. d is the directive
// that decided, nil when the option was never mentioned.
func (s *Section) Option(name string) (on bool, d *Directive) {
	for sec := s; sec != nil; sec = sec.Defaults {
		for i := len(sec.Directives) - 1; i >= 0; i-- {
			dir := sec.Directives[i]
			switch {
			case dir.Is("option", name):
				return true, dir
			case dir.Is("no", "option", name):
				return false, dir
			}
		}
	}
	return false, nil
}

// Servers returns the server and server-template lines of the section.
func (s *Section) Servers() []*Directive {
	var out []*Directive
	for _, d := range s.Directives {
		if d.Is("server") || d.Is("server-template") {
			out = append(out, d)
		}
	}
	return out
}

// Mode returns the effective proxy mode ("http" or "tcp"; HAProxy's default
// is tcp) and the directive that set it, if any.
func (s *Section) Mode() (string, *Directive) {
	d := s.Effective("mode")
	if d == nil || len(d.Words) < 2 {
		return "tcp", d
	}
	return d.Words[1].Text, d
}

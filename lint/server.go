package lint

import "strconv"

// ServerLine is a decoded server, server-template or default-server line.
type ServerLine struct {
	Directive *Directive
	// NameIndex and AddrIndex are word indexes into Directive.Words; -1 when
	// the line has no such word (default-server has neither).
	NameIndex, AddrIndex int
	// Template is true for server-template lines.
	Template bool
	// shape is the decoded options, shared between lines whose options
	// are written alike (decode.go); nil when the line has none.
	shape *serverShape
}

// Options returns the decoded options in the order written (shared between
// lines with the same options: read only).
func (s *ServerLine) Options() []ServerOption {
	if s.shape == nil {
		return nil
	}
	return s.shape.options
}

// Unknown lists the word indexes that no known server option consumed
// (shared, read only).
func (s *ServerLine) Unknown() []int {
	if s.shape == nil {
		return nil
	}
	return s.shape.unknown
}

// ServerOption is one option of a server line with its position.
type ServerOption struct {
	Name     string
	Value    string // empty for flag options
	HasValue bool
	Index    int // word index of the option name
}

// Addr returns the address word, or the zero Word.
func (s *ServerLine) Addr() Word {
	if s.AddrIndex < 0 {
		return Word{}
	}
	return s.Directive.Arg(s.AddrIndex)
}

// Name returns the server name (the prefix, for templates).
func (s *ServerLine) Name() string {
	if s.NameIndex < 0 {
		return ""
	}
	return s.Directive.Arg(s.NameIndex).Text()
}

// Option returns the last occurrence of the named option.
func (s *ServerLine) Option(name string) (ServerOption, bool) {
	opts := s.Options()
	for i := len(opts) - 1; i >= 0; i-- {
		if opts[i].Name == name {
			return opts[i], true
		}
	}
	return ServerOption{}, false
}

// Has reports whether the named option is present.
func (s *ServerLine) Has(name string) bool {
	_, ok := s.Option(name)
	return ok
}

// Flag reports whether a flag option like "check" is on, taking its "no-"
// form into account (last one wins).
func (s *ServerLine) Flag(name string) bool {
	opts := s.Options()
	for i := len(opts) - 1; i >= 0; i-- {
		switch opts[i].Name {
		case name:
			return true
		case "no-" + name:
			return false
		}
	}
	return false
}

// IntOption returns the named option as an integer; ok is false when absent
// or not a plain integer.
func (s *ServerLine) IntOption(name string) (int, bool) {
	o, found := s.Option(name)
	if !found {
		return 0, false
	}
	n, err := strconv.Atoi(o.Value)
	return n, err == nil
}

// PosOf returns the position of option o's name.
func (s *ServerLine) PosOf(o ServerOption) Pos { return s.Directive.PosOf(o.Index) }

// ServerLine decodes a server, server-template or default-server directive.
// Load decodes every such line of the configuration up front (with the
// effective server views, server_view.go); calling it on another directive
// while rules run is not safe for concurrent use.
// Its options are decoded by config-parser (cached by text); a library panic
// is recorded as a decode fault for HG001, never propagated.
func (c *Config) ServerLine(d *Directive) *ServerLine {
	if d.server != nil {
		return d.server
	}
	sl := &ServerLine{Directive: d, NameIndex: -1, AddrIndex: -1}
	first := 1
	switch {
	case d.Is("server"):
		sl.NameIndex, sl.AddrIndex, first = 1, 2, 3
	case d.Is("server-template"):
		sl.NameIndex, sl.AddrIndex, first, sl.Template = 1, 3, 4, true
	}
	if sl.AddrIndex >= len(d.Words) {
		sl.AddrIndex = -1
	}
	if first < len(d.Words) {
		c.dec.decodeServerOptions(d, first, sl)
	}
	d.server = sl
	return sl
}

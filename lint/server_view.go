package lint

import "maps"

// Server is a server or server-template line with the options in effect for
// it. HAProxy keeps one default-server state per proxy: it starts as a copy
// of the defaults section's, each default-server line updates it, and each
// server line starts from a copy of it as it stands at that point (manual
// §4.2 "default-server", §5.2). So a default-server line applies only to
// the servers below it, after the lines of the inherited defaults sections.
// The last occurrence of an option wins.
type Server struct {
	Line *ServerLine
	// defaults is the default-server state above Line; nil when none.
	defaults *serverDefaults
}

// serverDefaults is a default-server state: the last occurrence of each
// option set by the default-server lines so far. States are shared between
// the servers below the same line and never modified once built.
type serverDefaults struct {
	options map[string]defaultOption
	// next numbers the options in the order they were written.
	next int
}

// defaultOption is an option of the state with the line that set it.
type defaultOption struct {
	OptionSource
	seq int
}

// with returns the state after default-server line sl; d may be nil. It
// costs one copy of the state, bounded by the number of option names.
func (d *serverDefaults) with(sl *ServerLine) *serverDefaults {
	n := &serverDefaults{}
	if d != nil {
		n.options, n.next = maps.Clone(d.options), d.next
	} else {
		n.options = make(map[string]defaultOption, len(sl.Options()))
	}
	for _, opts := range [][]ServerOption{sl.Options(), sl.undecodedOptions()} {
		for _, o := range opts {
			n.options[o.Name] = defaultOption{OptionSource{Option: o, Line: sl}, n.next}
			n.next++
		}
	}
	return n
}

// undecodedOptions returns the options of sl that config-parser does not
// know but some HAProxy version has (newer keywords such as "init-state"),
// with their value when they take one.
func (sl *ServerLine) undecodedOptions() []ServerOption {
	var out []ServerOption
	words := sl.Directive.Words
	for i := 0; i < len(sl.Unknown()); i++ {
		idx := sl.Unknown()[i]
		info := ServerOptionInfo(words[idx].Text())
		if !info.Known {
			continue
		}
		o := ServerOption{Name: words[idx].Text(), Index: idx}
		if info.TakesValue && idx+1 < len(words) {
			o.Value, o.HasValue = words[idx+1].Text(), true
			if i+1 < len(sl.Unknown()) && sl.Unknown()[i+1] == idx+1 {
				i++ // the value is not an option name
			}
		}
		out = append(out, o)
	}
	return out
}

// undecoded returns the last undecoded option called name on sl.
func (sl *ServerLine) undecoded(name string) (ServerOption, bool) {
	opts := sl.undecodedOptions()
	for i := len(opts) - 1; i >= 0; i-- {
		if opts[i].Name == name {
			return opts[i], true
		}
	}
	return ServerOption{}, false
}

// lookup returns the state's last occurrence of name.
func (d *serverDefaults) lookup(name string) (defaultOption, bool) {
	if d == nil {
		return defaultOption{}, false
	}
	o, ok := d.options[name]
	return o, ok
}

// OptionSource is a server option and the line (server or default-server)
// that set it.
type OptionSource struct {
	Option ServerOption
	Line   *ServerLine
}

// Directive returns the line that set the option.
func (o OptionSource) Directive() *Directive { return o.Line.Directive }

// Source returns the last occurrence of the named option in effect for the
// server and the line that set it: the server line itself, else a
// default-server line. Options of newer HAProxy versions that config-parser
// does not decode count too.
func (v Server) Source(name string) (OptionSource, bool) {
	if o, ok := v.Line.Option(name); ok {
		return OptionSource{Option: o, Line: v.Line}, true
	}
	if o, ok := v.Line.undecoded(name); ok {
		return OptionSource{Option: o, Line: v.Line}, true
	}
	if o, ok := v.defaults.lookup(name); ok {
		return o.OptionSource, true
	}
	return OptionSource{}, false
}

// Option returns the last value of the named option in effect and whether
// it was given on the server line itself.
func (v Server) Option(name string) (o ServerOption, own, ok bool) {
	src, ok := v.Source(name)
	return src.Option, ok && src.Line == v.Line, ok
}

// Flag reports whether a flag option is on: the last of on and off in
// effect wins ("check"/"no-check", "disabled"/"enabled").
func (v Server) Flag(on, off string) bool {
	opts := v.Line.Options()
	for i := len(opts) - 1; i >= 0; i-- {
		switch opts[i].Name {
		case on:
			return true
		case off:
			return false
		}
	}
	o, okOn := v.defaults.lookup(on)
	f, okOff := v.defaults.lookup(off)
	return okOn && (!okOff || o.seq > f.seq)
}

// Mentions reports whether the named option is written on the server line
// or on a default-server line in effect for it, even when a later option
// turns it off again.
func (v Server) Mentions(name string) bool {
	if v.Line.Has(name) {
		return true
	}
	_, ok := v.defaults.lookup(name)
	return ok
}

// Checked reports whether the server runs health checks.
func (v Server) Checked() bool { return v.Flag("check", "no-check") }

// EffectiveServers returns the section's server and server-template lines,
// in order, with the options in effect for each, computed once at load
// (callers must not modify the result).
func (s *Section) EffectiveServers() []Server { return s.servers }

// buildServerViews decodes every server, server-template and default-server
// line, so the model is read-only while rules run in parallel, and computes
// every section's effective servers and final default-server state in one
// pass over the directives. A section's
// defaults section always comes earlier in load order, so its final state
// is known by then.
func (c *Config) buildServerViews() {
	for _, s := range c.Sections {
		var state *serverDefaults
		if s.Defaults != nil {
			state = s.Defaults.defaultServer
		}
		for _, d := range s.Directives {
			switch {
			case d.Is("default-server"):
				state = state.with(c.ServerLine(d))
			case d.Is("server"), d.Is("server-template"):
				s.servers = append(s.servers, Server{Line: c.ServerLine(d), defaults: state})
			}
		}
		s.defaultServer = state
	}
}

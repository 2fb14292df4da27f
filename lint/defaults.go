package lint

import "fmt"

// resolveDefaults links every proxy and defaults section to the defaults it
// inherits: the one named by "from", else (proxies only) the last defaults
// section above it, as HAProxy does (manual §4, "defaults [<name>] [from
// <defaults_name>]"). A "from" must name a defaults section defined earlier.
func (c *Config) resolveDefaults() {
	named := map[string]*Section{}
	var last *Section
	for _, s := range c.Sections {
		if s.Kind != "defaults" && !s.IsProxy() {
			continue
		}
		switch {
		case s.From != "":
			s.Defaults = c.fromSection(s, named)
			if s.Defaults == nil && s.Kind != "defaults" {
				// HG005 reports the bad reference; the other rules judge the
				// proxy with the defaults it would get without "from", so
				// one typo does not cascade into missing-timeout findings.
				s.Defaults = last
			}
		case s.Kind != "defaults":
			s.Defaults = last
		}
		if s.Kind == "defaults" {
			last = s
			if s.Name != "" {
				named[s.Name] = s
			}
		}
	}
}

func (c *Config) fromSection(s *Section, named map[string]*Section) *Section {
	pos := s.Header.PosOf(len(s.Header.Words) - 1)
	if s.Kind == "defaults" && s.From == s.Name {
		c.addFault(FaultFrom, pos, fmt.Sprintf("defaults section %q inherits from itself", s.Name))
		return nil
	}
	d, ok := named[s.From]
	if !ok {
		msg := fmt.Sprintf("%s %q inherits from defaults section %q, which is not defined above it", s.Kind, s.Name, s.From)
		if later := c.Section("defaults", s.From); later != nil && later.Index > s.Index {
			msg += fmt.Sprintf(" (it is defined later, at %s)", later.Pos())
		}
		c.addFault(FaultFrom, pos, msg)
		return nil
	}
	return d
}

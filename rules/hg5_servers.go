package rules

import (
	"strconv"

	"github.com/hapguard/hapguard/lint"
)

// serverTraits are the load-balancing traits of one server line once its
// default-server lines are applied.
type serverTraits struct {
	Line       *lint.ServerLine
	Disabled   bool // starts in maintenance ("disabled", not reset by "enabled")
	ZeroWeight bool // "weight 0": takes no part in load balancing
	Backup     bool // used only when no active server is available
}

// idle reports whether the server receives no new traffic at all.
func (t serverTraits) idle() bool { return t.Disabled || t.ZeroWeight }

// backendServers decodes the servers of s with the default-server lines
// that apply to them (inherited ones first, the server's own options last).
func backendServers(cfg *lint.Config, s *lint.Section) []serverTraits {
	var defaults []*lint.ServerLine
	for _, d := range s.DefaultServers() {
		defaults = append(defaults, cfg.ServerLine(d))
	}
	var out []serverTraits
	for _, sl := range cfg.Servers(s) {
		t := serverTraits{Line: sl}
		for _, def := range defaults {
			t.apply(def)
		}
		t.apply(sl)
		out = append(out, t)
	}
	return out
}

func (t *serverTraits) apply(sl *lint.ServerLine) {
	for _, o := range sl.Options {
		switch o.Name {
		case "disabled":
			t.Disabled = true
		case "enabled":
			t.Disabled = false
		case "backup":
			t.Backup = true
		case "no-backup":
			t.Backup = false
		case "weight":
			n, err := strconv.Atoi(o.Value)
			t.ZeroWeight = err == nil && n == 0
		}
	}
}

// reachedBackends returns the enabled backend and listen sections that
// receive traffic, in load order.
func reachedBackends(cfg *lint.Config, rt *routing) []*lint.Section {
	var out []*lint.Section
	for _, s := range cfg.SectionsOf("backend", "listen") {
		if _, ok := rt.reached(s); ok && !proxyDisabled(s) {
			out = append(out, s)
		}
	}
	return out
}

// reachedReason says how traffic reaches s, for messages.
func reachedReason(rt *routing, s *lint.Section) string {
	r, _ := rt.reached(s)
	if r.From == nil {
		return "it accepts traffic on its bind lines"
	}
	return r.describe() + " routes to it"
}

package rules

import (
	"strconv"

	"github.com/hapguard/hapguard/lint"
)

// serverTraits are the load-balancing traits of one server line once its
// default-server lines are applied.
type serverTraits struct {
	Disabled   bool // starts in maintenance ("disabled", not reset by "enabled")
	ZeroWeight bool // "weight 0": takes no part in load balancing
	Backup     bool // used only when no active server is available
}

// idle reports whether the server receives no new traffic at all.
func (t serverTraits) idle() bool { return t.Disabled || t.ZeroWeight }

// eachServer calls fn with the traits of each server of s, in order, once
// its default-server lines (inherited ones first) and its own options are
// applied, until fn returns false. Servers are decoded only as far as fn
// goes: large configurations are mostly decided by their first server.
func eachServer(cfg *lint.Config, s *lint.Section, fn func(serverTraits) bool) {
	servers := s.Servers()
	if len(servers) == 0 {
		return
	}
	var defaults []*lint.ServerLine
	for _, def := range s.DefaultServers() {
		defaults = append(defaults, cfg.ServerLine(def))
	}
	for _, d := range servers {
		var t serverTraits
		for _, def := range defaults {
			t.apply(def)
		}
		t.apply(cfg.ServerLine(d))
		if !fn(t) {
			return
		}
	}
}

// allServers reports whether s has servers and every one satisfies pred;
// n counts the servers examined (all of them when the answer is true).
func allServers(cfg *lint.Config, s *lint.Section, pred func(serverTraits) bool) (all bool, n int) {
	all = true
	eachServer(cfg, s, func(t serverTraits) bool {
		n++
		all = pred(t)
		return all
	})
	return all && n > 0, n
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

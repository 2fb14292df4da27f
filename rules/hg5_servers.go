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

// traitsOf returns the load-balancing traits in effect for a server.
func traitsOf(v lint.Server) serverTraits {
	t := serverTraits{Disabled: v.Flag("disabled", "enabled"), Backup: v.Flag("backup", "no-backup")}
	if o, _, ok := v.Option("weight"); ok {
		n, err := strconv.Atoi(o.Value)
		t.ZeroWeight = err == nil && n == 0
	}
	return t
}

// allServers reports whether s has servers and every one satisfies pred;
// n counts the servers examined (all of them when the answer is true).
func allServers(s *lint.Section, pred func(serverTraits) bool) (all bool, n int) {
	for _, v := range s.EffectiveServers() {
		n++
		if !pred(traitsOf(v)) {
			return false, n
		}
	}
	return n > 0, n
}

// reachedReason says how traffic reaches s, for messages.
func reachedReason(rt *routing, s *lint.Section) string {
	r, _ := rt.reached(s)
	if r.From == nil {
		return "it accepts traffic on its bind lines"
	}
	return r.describe() + " routes to it"
}

package lint

import (
	"regexp"
	"strings"
	"testing"
)

var (
	expectsList = regexp.MustCompile(`'([^']+)' expects (.*?)(?:,? but got| in proxy)`)
	quoted      = regexp.MustCompile(`'([a-z0-9.-]+)(?:\(\*\))?'`)
)

// buildActions are actions a build option provides (USE_OT): whether a
// binary has them says nothing about the version.
var buildActions = map[string]bool{"ot-group": true}

// checkActions compares, per rule set, the actions HAProxy lists for an
// unknown one with the actions the tables give v.
func checkActions(t *testing.T, bin string, v Version) {
	t.Helper()
	for ruleset, table := range actionKeywordTable {
		lines := []string{"listen probe", "    mode http", "    bind 127.0.0.1:1", "    " + ruleset + " hapguard-probe"}
		out := runBinary(t, bin, "-c", "-f", writeProbe(t, lines))
		m := expectsList.FindStringSubmatch(out)
		if m == nil || m[1] != ruleset {
			t.Errorf("HAProxy %s: no action list for %s in:\n%s", v, ruleset, out)
			continue
		}
		has := map[string]bool{}
		for _, q := range quoted.FindAllStringSubmatch(m[2], -1) {
			has[actionKeyName(q[1])] = true
		}
		for a := range has {
			if vs, _ := Action(ruleset, a); !vs.Has(v) && !buildActions[a] {
				t.Errorf("HAProxy %s has %s action %q; the tables do not give it that version", v, ruleset, a)
			}
		}
		for a := range mergeKeys(table, actionOverride[ruleset]) {
			if vs, _ := Action(ruleset, a); vs.Has(v) && !has[a] && !buildActions[a] {
				t.Errorf("the tables give HAProxy %s the %s action %q; its binary does not list it", v, ruleset, a)
			}
		}
	}
}

func actionKeyName(a string) string {
	if strings.HasPrefix(a, "track-sc") {
		return "track-sc"
	}
	return a
}

func mergeKeys(a, b map[string]VersionSet) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

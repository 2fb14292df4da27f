package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// checkAction reports an http-request, http-response, http-after-response,
// tcp-request or tcp-response rule whose action HAProxy does not know
// (usually a typo: "set-headr"), or that only newer versions know when the
// configuration is checked as HAProxy 2.6. Lua actions ("lua.name") are
// registered by scripts and never reported.
func checkAction(p *lint.Pass, d *lint.Directive) {
	ruleset, i := actionRuleset(d)
	if _, ok := lint.Action(ruleset, ""); !ok {
		return
	}
	if i >= len(d.Words) {
		p.ReportWord(d, len(d.Words)-1, "%s rule without an action: HAProxy refuses the configuration", ruleset)
		return
	}
	word := d.Words[i].Text()
	name := actionName(word)
	if strings.HasPrefix(name, "lua.") || d.Words[i].HasVars() {
		return
	}
	vs, _ := lint.Action(ruleset, name)
	v := p.Options.HAProxyVersion
	switch {
	case vs == 0 && !buildOptionActions[name]:
		p.ReportWord(d, i, "unknown %s action %q: HAProxy refuses the configuration", ruleset, word)
	case vs != 0 && !vs.Has(v):
		p.ReportWord(d, i, "%s action %q does not exist in HAProxy %s (it exists in HAProxy %s): HAProxy %s refuses the configuration",
			ruleset, name, v, vs, v)
	}
}

// buildOptionActions are actions a build option provides (ot-group:
// USE_OT); they are never reported.
var buildOptionActions = map[string]bool{"ot-group": true}

// actionRuleset returns the rule set of d ("http-request", "tcp-request
// content", ...) and the index of its action word; "" when d is no rule.
func actionRuleset(d *lint.Directive) (string, int) {
	switch kw := d.Keyword(); kw {
	case "http-request", "http-response", "http-after-response":
		return kw, 1
	case "tcp-request", "tcp-response":
		if len(d.Words) > 1 {
			return kw + " " + d.Words[1].Text(), 2
		}
	}
	return "", 0
}

// actionName strips the "(arg)" of an action and folds "track-scN".
func actionName(word string) string {
	if i := strings.IndexByte(word, '('); i > 0 {
		word = word[:i]
	}
	if strings.HasPrefix(word, "track-sc") && allDigitsOrEmpty(word[len("track-sc"):]) {
		return "track-sc"
	}
	return word
}

func allDigitsOrEmpty(s string) bool { return strings.Trim(s, "0123456789") == "" }

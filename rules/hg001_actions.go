package rules

import (
	"strconv"
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
	actions, ok := actionTable[ruleset]
	if !ok {
		return
	}
	if i >= len(d.Words) {
		p.ReportWord(d, len(d.Words)-1, "%s rule without an action: HAProxy refuses the configuration", ruleset)
		return
	}
	word := d.Words[i].Text
	name := actionName(word)
	if strings.HasPrefix(name, "lua.") || d.Words[i].HasVars() {
		return
	}
	bits := actions[name]
	v := p.Options.HAProxyVersion
	switch {
	case bits == 0:
		p.ReportWord(d, i, "unknown %s action %q: HAProxy refuses the configuration", ruleset, word)
	case !v.AtLeast(2, 7) && bits&1 == 0:
		p.ReportWord(d, i, "%s action %q does not exist in HAProxy %s (it exists in HAProxy 3.2): HAProxy %s refuses the configuration",
			ruleset, name, v, v)
	case !v.AtLeast(2, 7) && name == "track-sc" && trackCounter(word) > 2:
		p.ReportWord(d, i, "%q: HAProxy %s has only the stick counters 0 to 2 and refuses the configuration", word, v)
	}
}

// trackCounter returns N of "track-scN", or -1.
func trackCounter(word string) int {
	n, err := strconv.Atoi(strings.TrimPrefix(word, "track-sc"))
	if err != nil {
		return -1
	}
	return n
}

// actionRuleset returns the rule set of d ("http-request", "tcp-request
// content", ...) and the index of its action word; "" when d is no rule.
func actionRuleset(d *lint.Directive) (string, int) {
	switch kw := d.Keyword(); kw {
	case "http-request", "http-response", "http-after-response":
		return kw, 1
	case "tcp-request", "tcp-response":
		if len(d.Words) > 1 {
			return kw + " " + d.Words[1].Text, 2
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

package rules

import (
	"fmt"

	"github.com/hapguard/hapguard/lint"
)

// ruleSets are the directives that make a defaults section "define TCP/HTTP
// rules" in HAProxy's terms (settings like inspect-delay do not count).
var ruleSets = [][]string{
	{"http-request"}, {"http-response"}, {"http-after-response"},
	{"tcp-request", "connection"}, {"tcp-request", "session"}, {"tcp-request", "content"},
	{"tcp-response", "content"},
}

// checkRulesInheritance reports sections that inherit TCP/HTTP rules from a
// defaults section in a way HAProxy refuses (manual §4 "defaults", since
// 2.5): a defaults or listen section inheriting them, a frontend and a
// backend sharing them, a backend inheriting "tcp-request connection" or
// "session" rules, a frontend inheriting "tcp-response content" rules.
// Rules in an anonymous defaults section are refused on their own line.
func checkRulesInheritance(p *lint.Pass) {
	sharedBy := map[*lint.Section]*lint.Section{} // defaults -> first frontend/backend
	for _, s := range p.Config.Sections {
		d := s.Defaults
		if d == nil || d.Name == "" || !definesRules(d) {
			continue
		}
		if msg := inheritanceFault(s, d, sharedBy); msg != "" {
			p.Report(lint.Diagnostic{Pos: s.Pos(), End: s.Header.EndOf(0),
				Message: fmt.Sprintf("%s %s (defaults %q at %s): HAProxy refuses the configuration", sectionLabel(s), msg, d.Name, d.Pos())})
		}
	}
}

func inheritanceFault(s, d *lint.Section, sharedBy map[*lint.Section]*lint.Section) string {
	switch s.Kind {
	case "defaults", "listen":
		return "cannot inherit from a defaults section that defines TCP/HTTP rules"
	case "backend":
		if hasRules(d, "tcp-request", "connection") || hasRules(d, "tcp-request", "session") {
			return "cannot inherit \"tcp-request connection\" or \"tcp-request session\" rules"
		}
	case "frontend":
		if hasRules(d, "tcp-response", "content") {
			return "cannot inherit \"tcp-response content\" rules"
		}
	default:
		return ""
	}
	first, seen := sharedBy[d]
	if !seen {
		sharedBy[d] = s
		return ""
	}
	if first.Kind != s.Kind {
		return fmt.Sprintf("shares a defaults section that defines TCP/HTTP rules with %s %q", first.Kind, first.Name)
	}
	return ""
}

func definesRules(d *lint.Section) bool {
	for _, rs := range ruleSets {
		if hasRules(d, rs...) {
			return true
		}
	}
	return false
}

func hasRules(d *lint.Section, words ...string) bool { return d.Last(words...) != nil }

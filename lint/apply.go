package lint

import (
	"fmt"
	"strings"
)

// RuleResolver maps an ID or a name to a rule ID; ok is false for unknown
// rules.
type RuleResolver func(idOrName string) (id string, ok bool)

// ApplySuppressions drops the diagnostics that inline suppressions cover
// and, when report is not nil, reports through it (as rule report's
// diagnostics) every suppression that is malformed or suppressed nothing.
func ApplySuppressions(cfg *Config, diags []Diagnostic, resolve RuleResolver, report *Rule) []Diagnostic {
	used := make([]bool, len(cfg.Suppressions))
	var kept []Diagnostic
	for _, d := range diags {
		if i := findSuppression(cfg.Suppressions, d, resolve); i >= 0 {
			used[i] = true
			continue
		}
		kept = append(kept, d)
	}
	if report != nil {
		kept = append(kept, suppressionProblems(cfg.Suppressions, used, resolve, report)...)
		SortDiagnostics(kept)
	}
	return kept
}

func findSuppression(sups []*Suppression, d Diagnostic, resolve RuleResolver) int {
	for i, s := range sups {
		if s.Pos.File != d.Pos.File || (!s.FileWide && s.Line != d.Pos.Line) {
			continue
		}
		for _, r := range s.Rules {
			if id, ok := resolve(r); ok && id == d.RuleID {
				return i
			}
		}
	}
	return -1
}

func suppressionProblems(sups []*Suppression, used []bool, resolve RuleResolver, rule *Rule) []Diagnostic {
	var out []Diagnostic
	add := func(s *Suppression, format string, args ...any) {
		out = append(out, Diagnostic{Pos: s.Pos, RuleID: rule.ID, RuleName: rule.Name,
			Severity: rule.Severity, Message: fmt.Sprintf(format, args...)})
	}
	for i, s := range sups {
		var unknown []string
		for _, r := range s.Rules {
			if _, ok := resolve(r); !ok {
				unknown = append(unknown, r)
			}
		}
		switch {
		case len(s.Rules) == 0:
			add(s, "hapguard suppression names no rule: write `hapguard:ignore HG101 -- reason`")
		case len(unknown) > 0:
			add(s, "hapguard suppression names unknown rule(s) %s", strings.Join(unknown, ", "))
		case s.Reason == "":
			add(s, "hapguard suppression of %s has no reason: add `-- why this is safe`", strings.Join(s.Rules, ","))
		case !used[i]:
			add(s, "hapguard suppression of %s suppresses nothing: remove it", strings.Join(s.Rules, ","))
		}
	}
	return out
}

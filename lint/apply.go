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
	index := indexSuppressions(cfg.Suppressions)
	kept := make([]Diagnostic, 0, len(diags))
	for _, d := range diags {
		if i := index.find(cfg.Suppressions, d, resolve); i >= 0 {
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

// suppressionIndex lists, by file and line, the suppressions that may
// cover a diagnostic there, so that a configuration with many findings and
// many suppression comments is not matched all against all.
type suppressionIndex struct {
	byLine   map[fileLine][]int // line suppressions, by the line they apply to
	fileWide map[string][]int   // file-wide suppressions, by file
}

type fileLine struct {
	file string
	line int
}

func indexSuppressions(sups []*Suppression) suppressionIndex {
	x := suppressionIndex{byLine: map[fileLine][]int{}, fileWide: map[string][]int{}}
	for i, s := range sups {
		if s.FileWide {
			x.fileWide[s.Pos.File] = append(x.fileWide[s.Pos.File], i)
			continue
		}
		k := fileLine{s.Pos.File, s.Line}
		x.byLine[k] = append(x.byLine[k], i)
	}
	return x
}

// find returns the first suppression (in load order) covering d, or -1.
func (x suppressionIndex) find(sups []*Suppression, d Diagnostic, resolve RuleResolver) int {
	first := -1
	for _, candidates := range [2][]int{x.byLine[fileLine{d.Pos.File, d.Pos.Line}], x.fileWide[d.Pos.File]} {
		for _, i := range candidates {
			if first >= 0 && i > first {
				break // candidates are in load order
			}
			if namesRule(sups[i], d.RuleID, resolve) {
				first = i
				break
			}
		}
	}
	return first
}

// namesRule reports whether the suppression names the rule id.
func namesRule(s *Suppression, id string, resolve RuleResolver) bool {
	for _, r := range s.Rules {
		if got, ok := resolve(r); ok && got == id {
			return true
		}
	}
	return false
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

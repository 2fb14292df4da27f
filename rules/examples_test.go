package rules

import (
	"testing"

	"github.com/hapguard/hapguard/lint"
)

// literalExamples are the rules whose examples are whole files checked as
// written: the final line feed is what they are about.
var literalExamples = map[string]bool{MissingFinalNewline.ID: true}

// TestDocExamples checks every rule's documentation against the rule
// itself, with no HAProxy needed: the rule fires on its Bad example and
// stays silent on its Good one, so `hapguard explain` never shows an
// example that does not do what it says. Examples are completed as in
// TestHAProxyRejectsBadExamples (a defaults section with mode http and the
// three timeouts when they have none).
func TestDocExamples(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			for kind, text := range map[string]string{"Bad": r.Doc.Bad, "Good": r.Doc.Good} {
				if !literalExamples[r.ID] {
					text = completeExample(text)
				}
				if n := exampleFindings(t, r, text); (n > 0) != (kind == "Bad") {
					t.Errorf("%s reports %d finding(s) on its %s example:\n%s", r.ID, n, kind, text)
				}
			}
		})
	}
}

// exampleFindings counts r's findings on text, r running alone. HG006
// judges the suppressions of other rules' findings, so it runs with them.
func exampleFindings(t *testing.T, r *lint.Rule, text string) int {
	t.Helper()
	s := lint.Settings{Options: lint.DefaultOptions(), Rules: []*lint.Rule{r}}
	if r == BadSuppression {
		s.Rules, s.InlineIgnores, s.SuppressionRule, s.Resolve = All(), true, r, lint.NewResolver(All())
	}
	_, diags, err := lint.Check([]lint.Input{{Name: "example.cfg", Data: []byte(text)}}, s)
	if err != nil {
		t.Fatalf("%s: internal fault on its example: %v", r.ID, err)
	}
	n := 0
	for _, d := range diags {
		if d.RuleID == r.ID {
			n++
		}
	}
	return n
}

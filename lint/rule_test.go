package lint

import (
	"strings"
	"testing"
)

// validRule returns a rule that Validate accepts.
func validRule(id, name string) *Rule {
	return &Rule{ID: id, Name: name, Severity: Warning, Run: func(*Pass) error { return nil },
		Doc: Doc{Title: "A title", Why: "why", Bad: "bad", Good: "good", Fix: "fix", Manual: "§1", Since: "0.1.0"}}
}

func TestValidateAcceptsWellFormedRules(t *testing.T) {
	if err := Validate([]*Rule{validRule("HG001", "one"), validRule("HG699", "two")}); err != nil {
		t.Fatal(err)
	}
}

func TestValidateRejectsBadRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		rules func() []*Rule
		want  string
	}{
		{"duplicate ID", func() []*Rule { return []*Rule{validRule("HG101", "a"), validRule("HG101", "b")} }, `"HG101" already used by HG101`},
		{"duplicate name", func() []*Rule { return []*Rule{validRule("HG101", "a"), validRule("HG102", "a")} }, `HG102: "a" already used by HG101`},
		{"ID without family", func() []*Rule { return []*Rule{validRule("HG701", "a")} }, "HG701: ID must be HG, a family digit"},
		{"ID of no number", func() []*Rule { return []*Rule{validRule("HG100", "a")} }, "HG100: ID must be"},
		{"malformed ID", func() []*Rule { return []*Rule{validRule("hg101", "a")} }, "hg101: ID must be"},
		{"name not kebab-case", func() []*Rule { return []*Rule{validRule("HG101", "Port_Missing")} }, `name "Port_Missing" must be kebab-case`},
		{"no severity", func() []*Rule { r := validRule("HG101", "a"); r.Severity = 0; return []*Rule{r} }, "invalid severity 0"},
		{"no Run", func() []*Rule { r := validRule("HG101", "a"); r.Run = nil; return []*Rule{r} }, "no Run function"},
		{"no Bad example", func() []*Rule { r := validRule("HG101", "a"); r.Doc.Bad = " "; return []*Rule{r} }, "Doc.Bad is empty"},
		{"no manual section", func() []*Rule { r := validRule("HG101", "a"); r.Doc.Manual = ""; return []*Rule{r} }, "Doc.Manual is empty"},
		{"title with a period", func() []*Rule { r := validRule("HG101", "a"); r.Doc.Title = "A title."; return []*Rule{r} }, "must not end with a period"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(tc.rules())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate: %v; want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	r := validRule("HG901", "Bad Name")
	r.Doc = Doc{}
	err := Validate([]*Rule{r})
	if err == nil {
		t.Fatal("Validate accepted an undocumented rule")
	}
	for _, want := range []string{"ID must be", "kebab-case", "Doc.Title", "Doc.Why", "Doc.Fix", "Doc.Since"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

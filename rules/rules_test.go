package rules

import (
	"path/filepath"
	"testing"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/lint/linttest"
)

func TestRulesAreValid(t *testing.T) {
	if err := lint.Validate(All()); err != nil {
		t.Fatal(err)
	}
}

// TestRules runs every rule over its testdata/rules/<ID> cases.
func TestRules(t *testing.T) {
	for _, r := range All() {
		t.Run(r.ID, func(t *testing.T) {
			rs := []*lint.Rule{r}
			if r == BadSuppression {
				// Suppressions need findings to suppress.
				rs = append(rs, OutOfSection, BadDefaultsFrom)
			}
			linttest.Run(t, filepath.Join("..", "testdata", "rules", r.ID), rs...)
		})
	}
}

// Package linttest runs rules over testdata configurations whose
// expectations are written inline, in the manner of analysistest:
//
//	server s1 10.0.0.1   # want HG101
//	server s2 10.0.0.2   # want HG101:"no port"
//	# want +1 HG003
//	acl a path "unterminated
//
// A line may expect several diagnostics (`# want HG101 HG104`); `+N`
// moves the expectation N lines down. A file without `want` must produce
// nothing. Inline `# hapguard:ignore` suppressions are honoured, with the
// rules under test as the known rule set. Header comments set options: `# linttest-version: 2.6`,
// `# linttest-env: NAME=value` (any env line makes the environment known),
// `# linttest-min-server-timeout: 2s`.
package linttest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hapguard/hapguard/lint"
)

// SuppressionRuleID is the rule that reports bad suppressions; when it is
// among the rules under test, its findings are checked too.
const SuppressionRuleID = "HG006"

// Run checks every *.cfg file in dir (and every subdirectory, loaded as one
// multi-file configuration) against rules.
func Run(t *testing.T, dir string, rules ...*lint.Rule) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	n := 0
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".cfg") {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) { checkCase(t, path, rules) })
	}
	if n == 0 {
		t.Fatalf("no test cases in %s", dir)
	}
}

func checkCase(t *testing.T, path string, rules []*lint.Rule) {
	inputs, err := ReadInputs(path)
	if err != nil {
		t.Fatal(err)
	}
	opts := lint.DefaultOptions()
	var wants []want
	for _, in := range inputs {
		w, err := parseFile(in, &opts)
		if err != nil {
			t.Fatal(err)
		}
		wants = append(wants, w...)
	}
	settings := lint.Settings{Options: opts, Rules: rules, InlineIgnores: true,
		Resolve: lint.NewResolver(rules)}
	for _, r := range rules {
		if r.ID == SuppressionRuleID {
			settings.SuppressionRule = r
		}
	}
	_, diags, err := lint.Check(inputs, settings)
	if err != nil {
		t.Fatalf("internal fault: %v", err)
	}
	for _, problem := range compare(wants, diags) {
		t.Error(problem)
	}
}

// ReadInputs reads a .cfg file, or a directory's *.cfg files in lexical
// order, as HAProxy's -f does.
func ReadInputs(path string) ([]lint.Input, error) {
	files := []string{path}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		files, err = filepath.Glob(filepath.Join(path, "*.cfg"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
	}
	var inputs []lint.Input
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read test case: %w", err)
		}
		inputs = append(inputs, lint.Input{Name: f, Data: data})
	}
	return inputs, nil
}

package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/lint/linttest"
)

// Every LTS branch's binary checks the linter (testbin.HAProxy).
const (
	haproxyWorkers = 8                // haproxy -c processes at once, over all versions
	haproxyTimeout = 30 * time.Second // per haproxy -c run
)

// TestHAProxyAgreesOnTestdata runs the real `haproxy -c` of every LTS
// branch over every rule test case, linted as that version (a case whose
// linttest-version header names a version runs against that binary only).
// A case the linter finds free of errors (all rules) must be accepted; a
// case with an error from a rule whose docs say HAProxy rejects its fault
// must be rejected.
func TestHAProxyAgreesOnTestdata(t *testing.T) {
	cases := map[lint.Version][]testdataCase{}
	for _, v := range lint.LTSVersions() {
		cases[v] = lintTestdataCases(t, v) // before the parallel runs: linting is sequential
	}
	sem := make(chan struct{}, haproxyWorkers)
	for _, v := range lint.LTSVersions() {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			bin := testbin.HAProxy(t, v.String())
			verdicts := make([]haproxyVerdict, len(cases[v]))
			forEachBounded(sem, len(cases[v]), func(i int) {
				verdicts[i] = runHAProxyCheck(t, bin, cases[v][i].files, cases[v][i].opts.Env)
			})
			judgeTestdata(t, v, cases[v], verdicts)
		})
	}
}

// judgeTestdata compares each case's findings with its verdict, checks
// the explanations and logs the counts.
func judgeTestdata(t *testing.T, v lint.Version, cases []testdataCase, verdicts []haproxyVerdict) {
	t.Helper()
	agree, explained := 0, 0
	for i, c := range cases {
		why, known := testdataDisagreements()[v.String()+"/"+c.name]
		switch problem := c.disagreement(verdicts[i]); {
		case known && problem == "":
			t.Errorf("%s: listed in testdataDisagreements (%s) but linter and haproxy -c agree: remove the entry", c.name, why)
		case known:
			explained++
		case problem != "":
			t.Errorf("%s: %s", c.name, problem)
		default:
			agree++
		}
	}
	t.Logf("HAProxy %s: %d rule test cases, %d agree, %d disagree (explained in testdataDisagreements)", v, len(cases), agree, explained)
}

// testdataCase is one testdata/rules/<ID>/ file or directory, linted with
// every rule.
type testdataCase struct {
	name       string
	files      []string
	opts       lint.Options
	versionSet bool
	errors     []lint.Diagnostic // error-severity findings
	rejecting  []lint.Diagnostic // errors of rules with Doc.HAProxyRejects
}

// disagreement describes how the linter and haproxy -c disagree on c, or
// returns "".
func (c testdataCase) disagreement(v haproxyVerdict) string {
	switch {
	case v.err != nil:
		return fmt.Sprintf("haproxy -c: %v", v.err)
	case len(c.errors) == 0 && !v.accepted():
		return fmt.Sprintf("linter reports no error but haproxy -c rejects it (exit %d): %s", v.exit, v.alert)
	case len(c.rejecting) > 0 && !v.rejected():
		return fmt.Sprintf("linter reports %s, a fault HAProxy rejects per the rule docs, but haproxy -c accepts it (exit %d)",
			c.rejecting[0], v.exit)
	}
	return ""
}

// testdataDisagreements explains, per "version/case", each rule test case
// where the linter and that version's haproxy -c disagree. An entry whose
// case agrees fails the test.
func testdataDisagreements() map[string]string {
	crash := "HAProxy 3.4.0 crashes (SIGSEGV) while checking 'option external-check' in this case: it gives no verdict"
	return map[string]string{
		"3.4/HG310/unprivileged.cfg": crash, "3.4/HG310/uid.cfg": crash, "3.4/HG310/root.cfg": crash,
	}
}

// lintTestdataCases lints, as version v, every case written for any
// version or for v, sequentially: config-parser is not safe for concurrent
// use.
func lintTestdataCases(t *testing.T, v lint.Version) []testdataCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "rules", "HG*", "*"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no testdata cases found (%v)", err)
	}
	all := All()
	rejects := map[string]bool{}
	for _, r := range all {
		rejects[r.ID] = r.Doc.HAProxyRejects
	}
	var cases []testdataCase
	for _, p := range paths {
		if st, err := os.Stat(p); err != nil || (!st.IsDir() && !strings.HasSuffix(p, ".cfg")) {
			continue
		}
		c, err := lintTestdataCase(p, all, v)
		if err != nil {
			t.Fatal(err)
		}
		if c.versionSet && c.opts.HAProxyVersion != v {
			continue
		}
		for _, d := range c.errors {
			if rejects[d.RuleID] {
				c.rejecting = append(c.rejecting, d)
			}
		}
		cases = append(cases, c)
	}
	return cases
}

func lintTestdataCase(path string, all []*lint.Rule, v lint.Version) (testdataCase, error) {
	rel, _ := filepath.Rel(filepath.Join("..", "testdata", "rules"), path)
	c := testdataCase{name: filepath.ToSlash(rel), opts: lint.DefaultOptions()}
	c.opts.HAProxyVersion = v
	inputs, err := linttest.ReadInputs(path)
	if err != nil {
		return c, err
	}
	for _, in := range inputs {
		c.files = append(c.files, in.Name)
		if err := applyCaseHeaders(in, &c); err != nil {
			return c, err
		}
	}
	// Suppressions are the operator's call, not HAProxy's: a suppressed
	// error is still an error HAProxy may reject, so they are not honoured.
	settings := lint.Settings{Options: c.opts, Rules: all, InlineIgnores: false, Resolve: lint.NewResolver(all)}
	_, diags, err := lint.Check(inputs, settings)
	if err != nil {
		return c, fmt.Errorf("%s: internal fault: %w", path, err)
	}
	for _, d := range diags {
		if d.Severity == lint.Error {
			c.errors = append(c.errors, d)
		}
	}
	return c, nil
}

var caseHeader = regexp.MustCompile(`(?m)^\s*#\s*linttest-(version|env|min-server-timeout):\s*(.*?)\s*$`)

// applyCaseHeaders reads the linttest headers that change what the linter
// or HAProxy sees: the version and the environment. The linttest package
// checks the headers themselves.
func applyCaseHeaders(in lint.Input, c *testdataCase) error {
	for _, m := range caseHeader.FindAllStringSubmatch(string(in.Data), -1) {
		switch m[1] {
		case "version":
			v, err := lint.ParseLTS(m[2])
			if err != nil {
				return fmt.Errorf("%s: %w", in.Name, err)
			}
			c.opts.HAProxyVersion, c.versionSet = v, true
		case "env":
			if c.opts.Env == nil {
				c.opts.Env = map[string]string{}
			}
			if name, val, _ := strings.Cut(m[2], "="); name != "" {
				c.opts.Env[name] = val
			}
		}
	}
	return nil
}

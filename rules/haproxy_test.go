package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/lint/linttest"
)

// The reference HAProxy is Debian's 2.6 (installed by .ci/run).
const (
	haproxyBinary  = "/usr/sbin/haproxy"
	haproxyWorkers = 8                // haproxy -c processes at once
	haproxyTimeout = 30 * time.Second // per haproxy -c run
)

var referenceVersion = lint.Version{Major: 2, Minor: 6}

// TestHAProxyAgreesOnTestdata runs the real `haproxy -c` over every rule
// test case. A case the linter finds free of errors (all rules) must be
// accepted; a case with an error from a rule whose docs say HAProxy rejects
// its fault must be rejected.
func TestHAProxyAgreesOnTestdata(t *testing.T) {
	bin := requireHAProxy(t)
	cases := lintTestdataCases(t)
	sem := make(chan struct{}, haproxyWorkers)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			if referenceVersion.Less(c.opts.HAProxyVersion) && c.versionSet {
				t.Skipf("written for HAProxy %s; the reference binary is %s", c.opts.HAProxyVersion, referenceVersion)
			}
			sem <- struct{}{}
			v := runHAProxyCheck(t, bin, c.files, c.opts.Env)
			<-sem
			c.assertAgreement(t, v)
		})
	}
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

func (c testdataCase) assertAgreement(t *testing.T, v haproxyVerdict) {
	t.Helper()
	switch {
	case v.err != nil:
		t.Fatalf("haproxy -c: %v", v.err)
	case len(c.errors) == 0 && !v.accepted():
		t.Errorf("linter reports no error but haproxy -c rejects it (exit %d): %s", v.exit, v.alert)
	case len(c.rejecting) > 0 && !v.rejected():
		t.Errorf("linter reports %s, a fault HAProxy rejects per the rule docs, but haproxy -c accepts it (exit %d)",
			c.rejecting[0], v.exit)
	}
}

// lintTestdataCases lints every case, sequentially: config-parser is not
// safe for concurrent use.
func lintTestdataCases(t *testing.T) []testdataCase {
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
		c, err := lintTestdataCase(p, all)
		if err != nil {
			t.Fatal(err)
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

func lintTestdataCase(path string, all []*lint.Rule) (testdataCase, error) {
	rel, _ := filepath.Rel(filepath.Join("..", "testdata", "rules"), path)
	c := testdataCase{name: filepath.ToSlash(rel), opts: lint.DefaultOptions()}
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
			v, err := lint.ParseVersion(m[2])
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

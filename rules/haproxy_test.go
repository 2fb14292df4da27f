package rules

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
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
	settings := lint.Settings{Options: c.opts, Rules: all, InlineIgnores: true, Resolve: lint.NewResolver(all)}
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

// requireHAProxy returns the reference binary; without it the test fails in
// CI and is skipped elsewhere.
func requireHAProxy(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath(haproxyBinary); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is required in CI: %v", haproxyBinary, err)
		}
		t.Skipf("%s not installed; install Debian's haproxy to run this test", haproxyBinary)
	}
	return haproxyBinary
}

// haproxyVerdict is the outcome of one `haproxy -c` run.
type haproxyVerdict struct {
	exit  int
	alert string // the first [ALERT] line, if any
	err   error  // the run itself failed: not started, timed out, killed
}

// accepted: 0 is valid, 2 is valid but with nothing to listen on.
func (v haproxyVerdict) accepted() bool { return v.err == nil && (v.exit == 0 || v.exit == 2) }

func (v haproxyVerdict) rejected() bool { return v.err == nil && v.exit == 1 }

// runHAProxyCheck runs `haproxy -c -dr` on files, in a scratch directory,
// with only the given environment. -dr keeps the verdict independent of the
// machine's DNS, as in the corpus index.
func runHAProxyCheck(t *testing.T, bin string, files []string, env map[string]string) haproxyVerdict {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), haproxyTimeout)
	defer cancel()
	args := []string{"-c", "-dr"}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return haproxyVerdict{err: fmt.Errorf("path %s: %w", f, err)}
		}
		args = append(args, "-f", abs)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/bin"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	v := haproxyVerdict{alert: firstAlert(string(out))}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		v.err = fmt.Errorf("timed out after %s", haproxyTimeout)
	case errors.As(err, &exit) && exit.Exited():
		v.exit = exit.ExitCode()
	case err != nil:
		v.err = fmt.Errorf("run %s: %w (output: %s)", bin, err, strings.TrimSpace(string(out)))
	}
	return v
}

// firstAlert returns the first [ALERT] line of haproxy's output.
func firstAlert(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "[ALERT]") {
			return strings.TrimSpace(line)
		}
	}
	return "(no ALERT line)"
}

// TestHAProxyRejectsBadExamples checks the claim Doc.HAProxyRejects makes
// for every rule that sets it: haproxy -c rejects the rule's Bad example
// and accepts its Good one. Examples without a defaults section get a
// minimal one (mode http and the three timeouts) before their first proxy;
// the rule must still fire on the wrapped Bad and stay silent on the
// wrapped Good, so the wrapping cannot change what is tested. Where it
// would, write Bad and Good as complete configurations.
func TestHAProxyRejectsBadExamples(t *testing.T) {
	bin := requireHAProxy(t)
	type example struct{ rule, kind, text string }
	var examples []example
	for _, r := range All() {
		if !r.Doc.HAProxyRejects {
			continue
		}
		for kind, text := range map[string]string{"Bad": r.Doc.Bad, "Good": r.Doc.Good} {
			cfg := completeExample(text)
			if fires := ruleFires(t, r, cfg); fires != (kind == "Bad") {
				t.Errorf("%s: the rule %s on its %s example as checked (Bad and Good must be complete configurations, or become complete with a defaults section):\n%s",
					r.ID, map[bool]string{true: "fires", false: "does not fire"}[fires], kind, cfg)
				continue
			}
			examples = append(examples, example{r.ID, kind, cfg})
		}
	}
	sem := make(chan struct{}, haproxyWorkers)
	for _, ex := range examples {
		t.Run(ex.rule+"/"+ex.kind, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "example.cfg")
			if err := os.WriteFile(path, []byte(ex.text), 0o600); err != nil {
				t.Fatal(err)
			}
			sem <- struct{}{}
			v := runHAProxyCheck(t, bin, []string{path}, nil)
			<-sem
			switch {
			case v.err != nil:
				t.Fatalf("haproxy -c: %v", v.err)
			case ex.kind == "Bad" && !v.rejected():
				t.Errorf("Doc.HAProxyRejects is set but haproxy -c accepts the Bad example (exit %d):\n%s", v.exit, ex.text)
			case ex.kind == "Good" && !v.accepted():
				t.Errorf("haproxy -c rejects the Good example (exit %d): %s\n%s", v.exit, v.alert, ex.text)
			}
		})
	}
}

// exampleDefaults is what completeExample adds to an example without a
// defaults section.
const exampleDefaults = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n"

var proxyHeader = regexp.MustCompile(`^\s*(frontend|backend|listen)\b`)

// completeExample adds exampleDefaults before the first proxy section of a
// documentation example that has no defaults section; directives above the
// first proxy stay where they are.
func completeExample(text string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for _, l := range lines {
		if f := strings.Fields(l); len(f) > 0 && f[0] == "defaults" {
			return text + "\n"
		}
	}
	for i, l := range lines {
		if proxyHeader.MatchString(l) {
			head := strings.Join(lines[:i], "\n")
			if head != "" {
				head += "\n"
			}
			return head + exampleDefaults + strings.Join(lines[i:], "\n") + "\n"
		}
	}
	return exampleDefaults + strings.Join(lines, "\n") + "\n"
}

// ruleFires lints text with r alone.
func ruleFires(t *testing.T, r *lint.Rule, text string) bool {
	t.Helper()
	opts := lint.DefaultOptions()
	cfg := lint.Load([]lint.Input{{Name: "example.cfg", Data: []byte(text)}}, opts)
	diags, err := lint.Run(cfg, []*lint.Rule{r}, opts)
	if err != nil {
		t.Fatalf("%s: internal fault on its example: %v", r.ID, err)
	}
	return len(diags) > 0
}

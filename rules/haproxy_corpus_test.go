package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/lint"
)

// corpusAgreementSets are the corpus folders each version is checked on:
// the real-world files on every version, each regression-test folder on
// its own version.
func corpusAgreementSets(v lint.Version) []string {
	sets := []string{"realworld"}
	if v == (lint.Version{Major: 2, Minor: 6}) || v == (lint.Version{Major: 3, Minor: 2}) || v == (lint.Version{Major: 3, Minor: 4}) {
		sets = append(sets, "haproxy-regtests-"+v.String())
	}
	return sets
}

// corpusCheck is one corpus file linted and checked as one version.
type corpusCheck struct {
	file      string // set/file
	path      string
	errors    []lint.Diagnostic // error-severity findings
	rejecting []lint.Diagnostic // errors of rules with Doc.HAProxyRejects
	verdict   haproxyVerdict
}

// TestHAProxyAgreesOnCorpora runs every LTS binary's `haproxy -c` over the
// corpora and lints each file as that version: a file the linter reports
// an error on must be rejected, a file it reports none on accepted, where
// HAProxy can tell. Files HAProxy rejects only because the test machine
// lacks what they load (certificates, Lua scripts, error pages, maps) are
// counted apart. Every disagreement is explained in corpusDisagreements;
// an entry that no longer disagrees fails the test.
func TestHAProxyAgreesOnCorpora(t *testing.T) {
	root := filepath.Join(testbin.Shared(t), "corpus")
	checks := map[lint.Version][]*corpusCheck{}
	for _, v := range lint.LTSVersions() {
		checks[v] = lintCorpusForAgreement(t, root, v) // sequential, before the parallel runs
	}
	sem := make(chan struct{}, haproxyWorkers)
	start := time.Now()
	for _, v := range lint.LTSVersions() {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			bin := testbin.HAProxy(t, v.String())
			forEachBounded(sem, len(checks[v]), func(i int) {
				checks[v][i].verdict = runHAProxyCheck(t, bin, []string{checks[v][i].path}, corpusEnv())
			})
			judgeCorpus(t, v, checks[v])
		})
	}
	t.Cleanup(func() { t.Logf("corpus agreement over every version: %s", time.Since(start).Round(time.Second)) })
}

// corpusEnv is the environment both the linter and haproxy -c see.
func corpusEnv() map[string]string { return map[string]string{} }

func lintCorpusForAgreement(t *testing.T, root string, v lint.Version) []*corpusCheck {
	t.Helper()
	all := All()
	opts := lint.DefaultOptions()
	opts.HAProxyVersion, opts.Env = v, corpusEnv()
	settings := lint.Settings{Options: opts, Rules: all, InlineIgnores: false, Resolve: lint.NewResolver(all)}
	rejects := map[string]bool{}
	for _, r := range all {
		rejects[r.ID] = r.Doc.HAProxyRejects
	}
	var out []*corpusCheck
	for _, set := range corpusAgreementSets(v) {
		files, err := filepath.Glob(filepath.Join(root, set, "*.cfg"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no .cfg files in %s (%v)", filepath.Join(root, set), err)
		}
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, diags, err := lint.Check([]lint.Input{{Name: filepath.Base(f), Data: data}}, settings)
			if err != nil {
				t.Fatalf("%s: internal fault: %v", f, err)
			}
			c := &corpusCheck{file: set + "/" + filepath.Base(f), path: f, errors: errorFindings(diags)}
			for _, d := range c.errors {
				if rejects[d.RuleID] {
					c.rejecting = append(c.rejecting, d)
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// judgeCorpus compares each file's findings with its verdict, checks the
// explanations and logs the counts.
func judgeCorpus(t *testing.T, v lint.Version, checks []*corpusCheck) {
	t.Helper()
	known := corpusDisagreements()
	var agree, environment, explained int
	for _, c := range checks {
		key := v.String() + " " + c.file
		why, listed := known[key]
		if !listed {
			why, listed = known["* "+c.file]
		}
		problem := c.disagreement()
		switch {
		case problem == "environment":
			environment++
			if listed {
				t.Errorf("%s: listed in corpusDisagreements (%s) but HAProxy only lacks files here", key, why)
			}
		case problem == "" && listed:
			t.Errorf("%s: listed in corpusDisagreements (%s) but linter and haproxy -c agree: remove the entry", key, why)
		case problem == "":
			agree++
		case listed:
			explained++
		default:
			t.Errorf("%s: %s", key, problem)
		}
	}
	t.Logf("HAProxy %s: %d files, %d agree, %d disagree (explained in corpusDisagreements), %d rejected only for files the machine lacks",
		v, len(checks), agree, explained, environment)
}

// environmentAlert matches a first alert that says what the file loads is
// missing on this machine (certificates, Lua scripts, maps, error pages,
// SPOE files), or needs a build option the test binaries lack (QUIC): HAProxy
// stops or cascades from there, so it cannot tell whether the rest is valid.
var environmentAlert = regexp.MustCompile(`unable to stat SSL certificate|No such file or directory|error in Lua file|cannot open|error opening file|unable to load|stat\(\) failed|failed to open|missing config file|expects a directory path|unsupported stream protocol for datagram family|unknown MUX protocol 'qmux'|unknown keyword 'tune\.quic\.|unable to stat`)

// disagreement says how the linter and haproxy -c disagree on c:
// "" when they agree, "environment" when HAProxy cannot tell. The linter
// claims a rejection with an error of a rule whose docs say HAProxy refuses
// the fault; its other errors (traffic that fails at run time) are not
// HAProxy's to judge.
func (c *corpusCheck) disagreement() string {
	v := c.verdict
	switch {
	case v.err != nil:
		return fmt.Sprintf("haproxy -c gives no verdict: %v", v.err)
	case v.accepted() && len(c.rejecting) > 0:
		return fmt.Sprintf("haproxy -c accepts it but the linter reports %s", c.rejecting[0])
	case v.accepted():
		return ""
	case environmentAlert.MatchString(v.alert):
		return "environment"
	case len(c.errors) > 0:
		return ""
	}
	return fmt.Sprintf("haproxy -c rejects it (%s) but the linter reports no error", v.alert)
}

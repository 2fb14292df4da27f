package rules

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/lint"
)

// findingsSet is a corpus folder whose every error and warning must be
// explained in corpusFindingsAllowlist.
type findingsSet struct {
	Dir     string
	Version lint.Version
	// ClassColumn and AlertColumns name the index.tsv columns holding
	// HAProxy's verdict on each file ("" when the folder has none).
	ClassColumn  string
	AlertColumns []string
}

// findingsSets: the real-world files are linted as HAProxy 2.6, the
// version their class column was decided with; the regression tests of 3.4
// as 3.4.
func findingsSets() []findingsSet {
	return []findingsSet{
		{Dir: "realworld", Version: lint.Version{Major: 2, Minor: 6}, ClassColumn: "class_2.6",
			AlertColumns: []string{"haproxy_2.6_first_alert", "haproxy_3.4_first_alert"}},
		{Dir: "haproxy-regtests-3.4", Version: lint.Version{Major: 3, Minor: 4}},
	}
}

// indexRow is one line of a corpus index.tsv, by column name.
type indexRow map[string]string

// TestCorpusFindings lints every file of the real-world corpus and of
// HAProxy 3.4's regression tests: no crash, no hang, every error and
// warning explained by a verdict in corpusFindingsAllowlist (anything new
// fails), and every real-world file that HAProxy rejects for a real
// configuration error gets an error at the line HAProxy names.
func TestCorpusFindings(t *testing.T) {
	root := filepath.Join(testbin.Shared(t), "corpus")
	var findings []setFinding
	for _, set := range findingsSets() {
		dir := filepath.Join(root, set.Dir)
		index, err := readIndexRows(filepath.Join(dir, "index.tsv"))
		if err != nil {
			t.Fatal(err)
		}
		opts := lint.DefaultOptions()
		opts.HAProxyVersion = set.Version
		for _, f := range corpusFiles(t, dir) {
			res, err := lintRegtestFile(f, opts)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			name := set.Dir + "/" + filepath.Base(f)
			for _, d := range res.Findings {
				if d.Severity >= lint.Warning {
					findings = append(findings, setFinding{File: name, Diagnostic: d})
				}
			}
			if row := index[filepath.Base(f)]; set.ClassColumn != "" && strings.HasPrefix(row[set.ClassColumn], "real-error") {
				checkRealError(t, set, f, row, res.Errors)
			}
		}
	}
	checkFindingsAllowlist(t, findings)
}

// setFinding is a finding on a corpus file named "<set>/<file>".
type setFinding struct {
	File string
	lint.Diagnostic
}

// checkFindingsAllowlist fails on every error or warning the allowlist does
// not explain, and on entries that explain nothing any more.
func checkFindingsAllowlist(t *testing.T, findings []setFinding) {
	t.Helper()
	u := newAllowlistUse(corpusFindingsAllowlist())
	perRule := map[string]int{}
	for _, f := range findings {
		perRule[f.Severity.String()+" "+f.RuleID]++
		if !u.explains(f.File, f.RuleID) {
			t.Errorf("%s:%d:%d: %s: %s [%s] is new: fix the rule, or explain it in corpusFindingsAllowlist",
				f.File, f.Pos.Line, f.Pos.Col, f.Severity, f.Message, f.RuleID)
		}
	}
	u.reportUnused(t, "corpusFindingsAllowlist")
	keys := make([]string, 0, len(perRule))
	for k := range perRule {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, " %s=%d", k, perRule[k])
	}
	t.Logf("corpus findings (errors and warnings):%s", b.String())
}

// alertLine reads the file:line HAProxy's alert names.
var alertLine = regexp.MustCompile(`\[[^\]:]+\.cfg:(\d+)\]`)

// alertsAboutEnvironment are HAProxy alerts about what the machine lacks
// (certificates, Lua, error files) or about a newer version's rules: the
// linter cannot and should not repeat them.
var alertsAboutEnvironment = []string{"unable to stat", "cannot open", "error opening", "No such file",
	"as of 3.3", "Could not open"}

// checkRealError requires an error on a file HAProxy rejects for a real
// configuration error, at each line HAProxy's first alert names (2.6 and
// 3.4) unless that alert is about the environment. A file whose error is an
// .alert guarded by the environment is linted again with the empty
// environment haproxy -c ran with.
func checkRealError(t *testing.T, set findingsSet, path string, row indexRow, errs []lint.Diagnostic) {
	t.Helper()
	if len(errs) == 0 {
		opts := lint.DefaultOptions()
		opts.HAProxyVersion, opts.Env = set.Version, map[string]string{}
		res, err := lintRegtestFile(path, opts)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		errs = res.Errors
	}
	name := set.Dir + "/" + filepath.Base(path)
	if len(errs) == 0 {
		t.Errorf("%s: HAProxy rejects it (%s) but the linter reports no error", name, row[set.ClassColumn])
		return
	}
	for _, col := range set.AlertColumns {
		alert := row[col]
		m := alertLine.FindStringSubmatch(alert)
		if m == nil || containsAny(alert, alertsAboutEnvironment) {
			continue
		}
		line, _ := strconv.Atoi(m[1])
		if !hasErrorAt(errs, line) {
			t.Errorf("%s: HAProxy's alert names line %d (%s) but the linter reports no error there", name, line, alert)
		}
	}
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

func hasErrorAt(errs []lint.Diagnostic, line int) bool {
	for _, e := range errs {
		if e.Pos.Line == line {
			return true
		}
	}
	return false
}

// readIndexRows reads an index.tsv into rows keyed by file name.
func readIndexRows(path string) (map[string]indexRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus index: %w", err)
	}
	defer f.Close()
	rows := map[string]indexRow{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	var header []string
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if header == nil {
			header = cols
			continue
		}
		row := indexRow{}
		for i, c := range cols {
			if i < len(header) {
				row[header[i]] = c
			}
		}
		rows[cols[0]] = row
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus index %s: %w", path, err)
	}
	return rows, nil
}

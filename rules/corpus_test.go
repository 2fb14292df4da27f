package rules

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/lint"
)

var corpusReport = flag.String("corpus.report", "", "write the corpus findings as TSV (file, haproxy_c_exit, error findings) to this file")

// The corpus sits beside the checkout: ../shared/corpus from the repo root.
var regtestCorpusDir = filepath.Join("..", "..", "shared", "corpus")

// corpusLintTimeout is generous: a file takes milliseconds; only a hang
// comes near it.
const corpusLintTimeout = 30 * time.Second

// corpusSet is one folder of the corpus and the HAProxy it was written for.
type corpusSet struct {
	Dir     string
	Version lint.Version
}

func corpusSets() []corpusSet {
	return []corpusSet{
		{"haproxy-regtests-2.6", lint.Version{Major: 2, Minor: 6}},
		{"haproxy-regtests-3.2", lint.Version{Major: 3, Minor: 2}},
	}
}

// corpusResult is what the linter made of one corpus file.
type corpusResult struct {
	File    string // set folder / file name
	Exit    string // haproxy -c exit status from index.tsv, "?" if not indexed
	Errors  []lint.Diagnostic
	Elapsed time.Duration
}

// accepted reports whether HAProxy accepts the file (exit 0, or 2: valid
// but nothing to listen on).
func (r corpusResult) accepted() bool { return r.Exit == "0" || r.Exit == "2" }

// TestCorpus lints HAProxy's own regression-test configurations: no panic,
// no internal error, no hang, and every error on a file HAProxy accepts is
// explained in corpusAllowlist.
func TestCorpus(t *testing.T) {
	if _, err := os.Stat(regtestCorpusDir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("corpus missing (want it at %s beside the checkout): %v", regtestCorpusDir, err)
		}
		t.Skipf("corpus not found at %s: %v", regtestCorpusDir, err)
	}
	var results []corpusResult
	for _, set := range corpusSets() {
		results = append(results, lintCorpusSet(t, set)...)
	}
	checkAllowlist(t, results)
	logCorpusSummary(t, results)
	if *corpusReport != "" {
		if err := writeCorpusReport(*corpusReport, results); err != nil {
			t.Fatal(err)
		}
	}
}

// lintCorpusSet lints every .cfg file of a set, one at a time (config-parser
// is not safe for concurrent use).
func lintCorpusSet(t *testing.T, set corpusSet) []corpusResult {
	t.Helper()
	dir := filepath.Join(regtestCorpusDir, set.Dir)
	exits, err := readCorpusIndex(filepath.Join(dir, "index.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.cfg"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .cfg files in %s (%v)", dir, err)
	}
	sort.Strings(files)
	opts := lint.DefaultOptions()
	opts.HAProxyVersion = set.Version
	var results []corpusResult
	for _, f := range files {
		res, err := lintRegtestFile(f, opts)
		if err != nil {
			t.Fatalf("%s: %v", f, err) // a hang or a panic: stop, the lint goroutine may still run
		}
		res.File = set.Dir + "/" + filepath.Base(f)
		res.Exit = exits[filepath.Base(f)]
		if res.Exit == "" {
			res.Exit = "?"
		}
		results = append(results, res)
	}
	return results
}

// lintRegtestFile lints one file with every rule in a goroutine, so that a
// hang fails the test instead of stalling it, and a panic anywhere on the
// lint path becomes an error.
func lintRegtestFile(path string, opts lint.Options) (corpusResult, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return corpusResult{}, fmt.Errorf("read corpus file: %w", err)
	}
	type outcome struct {
		diags []lint.Diagnostic
		err   error
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- outcome{err: fmt.Errorf("panic: %v", r)}
			}
		}()
		all := All()
		settings := lint.Settings{Options: opts, Rules: all, InlineIgnores: true, Resolve: lint.NewResolver(all)}
		_, diags, err := lint.Check([]lint.Input{{Name: filepath.Base(path), Data: data}}, settings)
		done <- outcome{diags, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			return corpusResult{}, fmt.Errorf("internal error: %w", o.err)
		}
		return corpusResult{Errors: errorFindings(o.diags), Elapsed: time.Since(start)}, nil
	case <-time.After(corpusLintTimeout):
		return corpusResult{}, fmt.Errorf("lint still running after %s: a hang", corpusLintTimeout)
	}
}

func errorFindings(diags []lint.Diagnostic) []lint.Diagnostic {
	var out []lint.Diagnostic
	for _, d := range diags {
		if d.Severity == lint.Error {
			out = append(out, d)
		}
	}
	return out
}

// readCorpusIndex maps file names to their haproxy -c exit status.
func readCorpusIndex(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus index: %w", err)
	}
	defer f.Close()
	exits := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) >= 4 && cols[0] != "file" {
			exits[cols[0]] = cols[3]
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("corpus index %s: %w", path, err)
	}
	return exits, nil
}

// writeCorpusReport writes one line per file: file, haproxy -c exit status,
// and its error findings as "ID line:col message", separated by " | ".
func writeCorpusReport(path string, results []corpusResult) error {
	var b strings.Builder
	b.WriteString("file\thaproxy_c_exit\terror_findings\n")
	for _, r := range results {
		var items []string
		for _, d := range r.Errors {
			items = append(items, fmt.Sprintf("%s %d:%d %s", d.RuleID, d.Pos.Line, d.Pos.Col, d.Message))
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", r.File, r.Exit, strings.ReplaceAll(strings.Join(items, " | "), "\t", " "))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("corpus report: %w", err)
	}
	return nil
}

// logCorpusSummary logs the figures: files per set, error findings by rule
// on accepted and rejected files, and the slowest file.
func logCorpusSummary(t *testing.T, results []corpusResult) {
	t.Helper()
	onAccepted, onRejected := map[string]int{}, map[string]int{}
	var slowest corpusResult
	for _, r := range results {
		for _, d := range r.Errors {
			if r.accepted() {
				onAccepted[d.RuleID]++
			} else {
				onRejected[d.RuleID]++
			}
		}
		if r.Elapsed > slowest.Elapsed {
			slowest = r
		}
	}
	t.Logf("corpus: %d files linted; slowest %s in %s", len(results), slowest.File, slowest.Elapsed)
	t.Logf("error findings on files haproxy -c accepts: %s", countsByRule(onAccepted))
	t.Logf("error findings on files haproxy -c rejects: %s", countsByRule(onRejected))
}

func countsByRule(counts map[string]int) string {
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var parts []string
	for _, id := range ids {
		parts = append(parts, id+"="+strconv.Itoa(counts[id]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

package rules

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/lint"
)

var corpusReport = flag.String("corpus.report", "", "write the corpus findings as TSV (file, haproxy_c_exit, error findings) to this file")

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
	File   string // set folder / file name
	Exit   string // haproxy -c exit status from index.tsv, "?" if not indexed
	Errors []lint.Diagnostic
	// Findings are every finding, of every severity.
	Findings []lint.Diagnostic
	Elapsed  time.Duration
}

// accepted reports whether HAProxy accepts the file (exit 0, or 2: valid
// but nothing to listen on).
func (r corpusResult) accepted() bool { return r.Exit == "0" || r.Exit == "2" }

// TestCorpus lints HAProxy's own regression-test configurations: no panic,
// no internal error, no hang, and every error on a file HAProxy accepts is
// explained in corpusAllowlist.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	var results []corpusResult
	for _, set := range corpusSets() {
		results = append(results, lintCorpusSet(t, dir, set)...)
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
func lintCorpusSet(t *testing.T, corpus string, set corpusSet) []corpusResult {
	t.Helper()
	dir := filepath.Join(corpus, set.Dir)
	exits, err := readCorpusIndex(filepath.Join(dir, "index.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	opts := lint.DefaultOptions()
	opts.HAProxyVersion = set.Version
	var results []corpusResult
	for _, f := range corpusFiles(t, dir) {
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

// corpusFiles lists the .cfg files of a corpus folder in lexical order; a
// folder without any fails the test.
func corpusFiles(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.cfg"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .cfg files in %s (%v)", dir, err)
	}
	sort.Strings(files)
	return files
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
		return corpusResult{Errors: errorFindings(o.diags), Findings: o.diags, Elapsed: time.Since(start)}, nil
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

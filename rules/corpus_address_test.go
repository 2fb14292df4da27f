package rules

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/lint"
)

// corpusFile is one configuration of the shared corpus with the verdict of
// the real `haproxy -c` it was checked with.
type corpusFile struct {
	path     string
	version  lint.Version
	accepted bool // haproxy -c exit 0 or 2
}

// corpusDir is where HAProxy's regression-test configurations live: the
// corpus folder of the shared folder beside the checkout (the test fails in
// CI when it is missing, and is skipped elsewhere), or the folder the
// HAPGUARD_CORPUS environment variable names.
func corpusDir(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("HAPGUARD_CORPUS"); dir != "" {
		return dir
	}
	return filepath.Join(testbin.Shared(t), "corpus")
}

// readCorpus lists the corpus files of every haproxy-regtests-X.Y folder.
func readCorpus(t *testing.T) []corpusFile {
	t.Helper()
	dir := corpusDir(t)
	dirs, _ := filepath.Glob(filepath.Join(dir, "haproxy-regtests-*"))
	if len(dirs) == 0 {
		t.Fatalf("no haproxy-regtests-X.Y folder under the corpus folder %s", dir)
	}
	var files []corpusFile
	for _, dir := range dirs {
		v, err := lint.ParseVersion(strings.TrimPrefix(filepath.Base(dir), "haproxy-regtests-"))
		if err != nil {
			t.Fatalf("corpus folder %s: %v", dir, err)
		}
		fs, err := readIndex(dir, v)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	return files
}

func readIndex(dir string, v lint.Version) ([]corpusFile, error) {
	f, err := os.Open(filepath.Join(dir, "index.tsv"))
	if err != nil {
		return nil, fmt.Errorf("corpus index: %w", err)
	}
	defer f.Close()
	var files []corpusFile
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 || cols[0] == "file" {
			continue
		}
		files = append(files, corpusFile{path: filepath.Join(dir, cols[0]), version: v,
			accepted: cols[3] == "0" || cols[3] == "2"})
	}
	return files, sc.Err()
}

// corpusExceptions are error findings on accepted corpus files that are
// justified, keyed by "X.Y/file:line [ID]". Empty: none so far.
var corpusExceptions = map[string]string{}

// TestCorpusAddressAndStructure lints every accepted corpus file with the
// HAProxy version it was checked with: HG001 and HG002 must report nothing
// at all, and the HG1xx rules no error, on a configuration HAProxy accepts.
func TestCorpusAddressAndStructure(t *testing.T) {
	rules := append([]*lint.Rule{InvalidDirective, DuplicateSection}, addressRules()...)
	files := readCorpus(t)
	checked := 0
	for _, cf := range files {
		if !cf.accepted {
			continue
		}
		checked++
		for _, d := range lintCorpusFile(t, cf, rules) {
			key := fmt.Sprintf("%s/%s:%d [%s]", cf.version, filepath.Base(d.Pos.File), d.Pos.Line, d.RuleID)
			structural := d.RuleID == InvalidDirective.ID || d.RuleID == DuplicateSection.ID
			if (structural || d.Severity == lint.Error) && corpusExceptions[key] == "" {
				t.Errorf("%s: %s on a file HAProxy %s accepts: %s", key, d.Severity, cf.version, d.Message)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no accepted corpus file found")
	}
}

func lintCorpusFile(t *testing.T, cf corpusFile, rules []*lint.Rule) []lint.Diagnostic {
	t.Helper()
	data, err := os.ReadFile(cf.path)
	if err != nil {
		t.Fatal(err)
	}
	opts := lint.DefaultOptions()
	opts.HAProxyVersion = cf.version
	cfg := lint.Load([]lint.Input{{Name: cf.path, Data: data}}, opts)
	diags, err := lint.Run(cfg, rules, opts)
	if err != nil {
		t.Fatalf("%s: %v", cf.path, err)
	}
	return diags
}

package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/rules"
)

const (
	rulesBegin = "<!-- rules:begin -->\n"
	rulesEnd   = "<!-- rules:end -->"
)

// TestReadmeRuleTable keeps the README's rule table and docs/rules.md in
// sync with the rule definitions (go test -update rewrites both).
func TestReadmeRuleTable(t *testing.T) {
	readme := filepath.Join("..", "..", "README.md")
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start, end := strings.Index(text, rulesBegin), strings.Index(text, rulesEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md lacks the %q ... %q markers", rulesBegin, rulesEnd)
	}
	want := RulesMarkdown(rules.All())
	got := text[start+len(rulesBegin) : end]
	if *update {
		text = text[:start+len(rulesBegin)] + want + text[end:]
		if err := os.WriteFile(readme, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		got = want
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README rule table is stale (go test ./internal/cli -update) (-want +got):\n%s", diff)
	}
	checkGenerated(t, filepath.Join("..", "..", "docs", "rules.md"), RulesDocMarkdown(rules.All()))
}

// TestReadmeExample keeps the README's example output equal to what the
// quick-start command prints (go test -update rewrites it).
func TestReadmeExample(t *testing.T) {
	const example = "testdata/examples/haproxy.cfg"
	readme := filepath.Join("..", "..", "README.md")
	data, err := os.ReadFile(readme)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	const begin, end = "<!-- example:begin -->\n", "<!-- example:end -->"
	start, stop := strings.Index(text, begin), strings.Index(text, end)
	if start < 0 || stop < start {
		t.Fatalf("README.md lacks the example markers")
	}
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(filepath.Join("..", "..")); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "", "lint", "--color", "never", example)
	if err := os.Chdir(wd); err != nil {
		t.Fatal(err)
	}
	if code != ExitFindings {
		t.Fatalf("example: exit %d, want %d; stderr: %s", code, ExitFindings, stderr)
	}
	want := "It prints (and exits with status 1, since there are findings):\n\n```\n" + out + "```\n"
	got := text[start+len(begin) : stop]
	if *update {
		text = text[:start+len(begin)] + want + text[stop:]
		if err := os.WriteFile(readme, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		got = want
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("README example output is stale (go test ./internal/cli -update) (-want +got):\n%s", diff)
	}
}

func checkGenerated(t *testing.T, path, want string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s (go test ./internal/cli -update): %v", path, err)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("%s is stale (go test ./internal/cli -update) (-want +got):\n%s", path, diff)
	}
}

package bridge

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/rules"
	"github.com/hapguard/hapguard/spoe/confignote"
)

// lintText lints one configuration held in a string, as haproxy.cfg, with
// every rule.
func lintText(text string) LoadFunc {
	return func() (Result, error) {
		settings := lint.Settings{Options: lint.DefaultOptions(), Rules: rules.All()}
		cfg, diags, err := lint.Check([]lint.Input{{Name: "haproxy.cfg", Data: []byte(text)}}, settings)
		if err != nil {
			return Result{}, err
		}
		return Result{Config: cfg, Diags: diags, Redactor: lint.NewRedactor(cfg, nil)}, nil
	}
}

// explainText lints text and explains a with the real relation table; the
// result is "RULE:line" per note.
func explainText(t *testing.T, text string, a confignote.Anomaly) []string {
	t.Helper()
	e, err := New(Options{Load: lintText(text)})
	if err != nil {
		t.Fatal(err)
	}
	e.Reload()
	var got []string
	for _, n := range e.Explain(a) {
		got = append(got, fmt.Sprintf("%s:%d", n.Rule, n.Line))
	}
	return got
}

// lineOf returns the 1-based line of text that starts with marker (after
// indentation).
func lineOf(t *testing.T, text, marker string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), marker) {
			return i + 1
		}
	}
	t.Fatalf("marker %q not in configuration", marker)
	return 0
}

func newTestLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

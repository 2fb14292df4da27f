package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// Text prints `file:line:col: severity: message [ID]`, the format of
// compilers and of actionlint, followed by the offending source line and a
// caret under the column when the source is available.
func Text(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		sev := d.Severity.String()
		if r.Color {
			sev = colorFor(d.Severity) + sev + "\x1b[0m"
		}
		fmt.Fprintf(bw, "%s: %s: %s [%s]\n", d.Pos, sev, d.Message, d.RuleID)
		if r.Source != nil {
			writeSnippet(bw, r.Source(d.Pos.File, d.Pos.Line), d)
		}
	}
	return bw.Flush()
}

func writeSnippet(w io.Writer, line string, d lint.Diagnostic) {
	if line == "" || d.Pos.Col < 1 || d.Pos.Col > len(line)+1 {
		return
	}
	// Keep tabs in the padding so the caret lines up under any tab width.
	pad := strings.Map(func(r rune) rune {
		if r == '\t' {
			return '\t'
		}
		return ' '
	}, line[:d.Pos.Col-1])
	width := 1
	if d.End.Line == d.Pos.Line && d.End.Col > d.Pos.Col {
		width = d.End.Col - d.Pos.Col
	}
	fmt.Fprintf(w, "    %s\n    %s%s\n", line, pad, strings.Repeat("^", width))
}

func colorFor(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "\x1b[31m"
	case lint.Warning:
		return "\x1b[33m"
	}
	return "\x1b[36m"
}

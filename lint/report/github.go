package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// GitHub prints GitHub Actions workflow commands, which the runner turns
// into annotations on the pull request. Specification:
// https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
// Escaping follows @actions/core's command.ts: data escapes %, CR and LF;
// property values also escape ':' and ','.
func GitHub(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for _, d := range r.Diagnostics {
		props := fmt.Sprintf("file=%s,line=%d,col=%d", escapeProperty(d.Pos.File), d.Pos.Line, d.Pos.Col)
		if d.End.Line == d.Pos.Line && d.End.Col > d.Pos.Col {
			props += fmt.Sprintf(",endColumn=%d", d.End.Col)
		}
		props += ",title=" + escapeProperty(fmt.Sprintf("%s %s", d.RuleID, d.RuleName))
		fmt.Fprintf(bw, "::%s %s::%s\n", githubLevel(d.Severity), props, escapeData(d.Message+" ["+d.RuleID+"]"))
	}
	return bw.Flush()
}

func githubLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "notice"
}

var (
	dataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func escapeData(s string) string     { return dataEscaper.Replace(s) }
func escapeProperty(s string) string { return propertyEscaper.Replace(s) }

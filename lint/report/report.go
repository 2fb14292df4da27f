// Package report prints lint results, one small file per output format.
package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/hapguard/hapguard/lint"
)

// Report is everything a printer may need.
type Report struct {
	Diagnostics []lint.Diagnostic
	// Rules are the rules that ran, for formats that describe them.
	Rules []*lint.Rule
	// Source returns the text of a line of an input, with secrets masked;
	// nil when unavailable.
	Source func(file string, line int) string
	// ToolVersion is hapguard's version.
	ToolVersion string
	// HAProxyVersion is the HAProxy the configuration was checked as, and
	// VersionSource where that version came from.
	HAProxyVersion lint.Version
	VersionSource  lint.VersionSource
	// Color enables ANSI colours in the text format.
	Color bool
}

// Printer writes a report in one format.
type Printer func(w io.Writer, r *Report) error

// printers maps format names to printers.
func printers() map[string]Printer {
	return map[string]Printer{
		"text":        Text,
		"json":        JSON,
		"sarif":       SARIF,
		"github":      GitHub,
		"checkstyle":  Checkstyle,
		"codeclimate": CodeClimate,
		"junit":       JUnit,
	}
}

// Lookup returns the printer for a format name.
func Lookup(format string) (Printer, error) {
	if p, ok := printers()[format]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("unknown format %q (want one of %v)", format, Formats())
}

// Formats lists the supported format names, sorted.
func Formats() []string {
	var names []string
	for n := range printers() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// DocURL is where a rule's documentation is published.
func DocURL(ruleID string) string {
	return "https://github.com/hapguard/hapguard/blob/main/docs/rules.md#" + ruleID
}

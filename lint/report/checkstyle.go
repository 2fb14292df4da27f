package report

import (
	"encoding/xml"
	"io"

	"github.com/hapguard/hapguard/lint"
)

// Checkstyle prints Checkstyle's XML result format, read by Jenkins
// (warnings-ng), Reviewdog and many CI servers. Format reference:
// https://checkstyle.sourceforge.io/ (the checkstyle-result XML), as
// documented for Jenkins at https://www.jenkins.io/doc/pipeline/steps/warnings-ng/
func Checkstyle(w io.Writer, r *Report) error {
	out := checkstyleRoot{Version: "4.3"}
	for _, group := range byFile(r.Diagnostics) {
		f := checkstyleFile{Name: group[0].Pos.File}
		for _, d := range group {
			f.Errors = append(f.Errors, checkstyleError{Line: d.Pos.Line, Column: d.Pos.Col,
				Severity: checkstyleSeverity(d.Severity), Message: d.Message, Source: "hapguard." + d.RuleID})
		}
		out.Files = append(out.Files, f)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

type checkstyleRoot struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func checkstyleSeverity(s lint.Severity) string {
	if s == lint.Info {
		return "info"
	}
	return s.String()
}

// byFile groups sorted diagnostics by file, keeping order.
func byFile(diags []lint.Diagnostic) [][]lint.Diagnostic {
	var groups [][]lint.Diagnostic
	for _, d := range diags {
		n := len(groups)
		if n > 0 && groups[n-1][0].Pos.File == d.Pos.File {
			groups[n-1] = append(groups[n-1], d)
			continue
		}
		groups = append(groups, []lint.Diagnostic{d})
	}
	return groups
}

package report

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// SARIF prints a Static Analysis Results Interchange Format 2.1.0 log, as
// read by GitHub code scanning. Specification:
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
func SARIF(w io.Writer, r *Report) error {
	driver := sarifDriver{Name: "hapguard", Version: r.ToolVersion,
		InformationURI: "https://github.com/hapguard/hapguard", Rules: []sarifRule{}}
	index := map[string]int{}
	for i, rule := range r.Rules {
		index[rule.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleFor(rule))
	}
	results := make([]sarifResult, 0, len(r.Diagnostics))
	for _, d := range r.Diagnostics {
		results = append(results, sarifResultFor(d, index))
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: results}
	if t := target(r); t != nil {
		run.Properties = &sarifRunProperties{HAProxy: t}
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func sarifRuleFor(rule *lint.Rule) sarifRule {
	help := strings.TrimSpace(rule.Doc.Why) + "\n\nFix: " + strings.TrimSpace(rule.Doc.Fix) +
		"\n\nManual: " + rule.Doc.Manual
	return sarifRule{ID: rule.ID, Name: rule.Name,
		ShortDescription: sarifText{rule.Doc.Title}, FullDescription: sarifText{strings.TrimSpace(rule.Doc.Why)},
		HelpURI: DocURL(rule.ID), Help: sarifText{help},
		DefaultConfiguration: sarifConfig{Level: sarifLevel(rule.Severity)}}
}

func sarifResultFor(d lint.Diagnostic, index map[string]int) sarifResult {
	region := sarifRegion{StartLine: d.Pos.Line, StartColumn: d.Pos.Col}
	if d.End.Line == d.Pos.Line && d.End.Col > d.Pos.Col {
		region.EndLine, region.EndColumn = d.End.Line, d.End.Col
	}
	res := sarifResult{RuleID: d.RuleID, Level: sarifLevel(d.Severity), Message: sarifText{d.Message},
		Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
			ArtifactLocation: sarifArtifact{URI: fileURI(d.Pos.File)}, Region: region}}}}
	if i, ok := index[d.RuleID]; ok {
		res.RuleIndex = &i
	}
	return res
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

// fileURI turns a path into a relative URI reference with forward slashes.
func fileURI(path string) string {
	return strings.ReplaceAll(strings.TrimPrefix(path, "./"), "\\", "/")
}

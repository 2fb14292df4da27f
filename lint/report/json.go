package report

import (
	"encoding/json"
	"io"
)

// JSONSchemaVersion is the version of the JSON report's schema; it changes
// only when a field is removed or its meaning changes.
const JSONSchemaVersion = 1

type jsonReport struct {
	Version     int              `json:"version"`
	Tool        jsonTool         `json:"tool"`
	HAProxy     *haproxyTarget   `json:"haproxy,omitempty"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type jsonDiagnostic struct {
	RuleID   string `json:"rule_id"`
	RuleName string `json:"rule_name"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	EndLine  int    `json:"end_line,omitempty"`
	EndCol   int    `json:"end_column,omitempty"`
	DocURL   string `json:"doc_url"`
}

// JSON prints the documented, versioned JSON schema (see README, "JSON
// output"): {version, tool, diagnostics: [...]}.
func JSON(w io.Writer, r *Report) error {
	out := jsonReport{Version: JSONSchemaVersion, Tool: jsonTool{"hapguard", r.ToolVersion}, HAProxy: target(r),
		Diagnostics: make([]jsonDiagnostic, 0, len(r.Diagnostics))}
	for _, d := range r.Diagnostics {
		out.Diagnostics = append(out.Diagnostics, jsonDiagnostic{
			RuleID: d.RuleID, RuleName: d.RuleName, Severity: d.Severity.String(), Message: d.Message,
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
			EndLine: d.End.Line, EndCol: d.End.Col, DocURL: DocURL(d.RuleID),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// JSONSchemaVersion is the version of the JSON report's schema; it changes
// only when a field is removed or its meaning changes.
const JSONSchemaVersion = 1

// jsonHead is the report without its diagnostics, which follow it.
type jsonHead struct {
	Version int            `json:"version"`
	Tool    jsonTool       `json:"tool"`
	HAProxy *haproxyTarget `json:"haproxy,omitempty"`
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
// output"): {version, tool, diagnostics: [...]}. The diagnostics are
// written one by one (json_string.go), so that tens of thousands of
// findings cost no more than their own size; the bytes are those of
// json.Encoder with a two-space indent.
func JSON(w io.Writer, r *Report) error {
	head, err := json.MarshalIndent(jsonHead{Version: JSONSchemaVersion, Tool: jsonTool{"hapguard", r.ToolVersion}, HAProxy: target(r)}, "", "  ")
	if err != nil {
		return fmt.Errorf("json report: %w", err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(bytes.TrimSuffix(head, []byte("\n}")))
	bw.WriteString(",\n  \"diagnostics\": [")
	var item []byte
	for i, d := range r.Diagnostics {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		item = appendJSONDiagnostic(item[:0], jsonDiagnostic{
			RuleID: d.RuleID, RuleName: d.RuleName, Severity: d.Severity.String(), Message: d.Message,
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
			EndLine: d.End.Line, EndCol: d.End.Col, DocURL: DocURL(d.RuleID),
		})
		bw.Write(item)
	}
	if len(r.Diagnostics) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]\n}\n")
	return bw.Flush()
}

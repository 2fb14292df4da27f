package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// CodeClimate prints the Code Climate issue list that GitLab reads as a
// code quality report (artifacts:reports:codequality). Specification:
// https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format
// Fingerprints hash the rule, the file, the message and the source line's
// text, not its number, so they survive unrelated edits above the finding.
func CodeClimate(w io.Writer, r *Report) error {
	issues := make([]codeClimateIssue, 0, len(r.Diagnostics))
	for _, d := range r.Diagnostics {
		line := ""
		if r.Source != nil {
			line = strings.TrimSpace(r.Source(d.Pos.File, d.Pos.Line))
		}
		issues = append(issues, codeClimateIssue{
			Type: "issue", CheckName: d.RuleID, Description: d.Message + " [" + d.RuleID + "]",
			Categories: []string{"Bug Risk"}, Severity: codeClimateSeverity(d.Severity),
			Fingerprint: fingerprint(d.RuleID, d.Pos.File, d.Message, line),
			Location:    codeClimateLocation{Path: d.Pos.File, Lines: codeClimateLines{Begin: d.Pos.Line}},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}

type codeClimateIssue struct {
	Type        string              `json:"type"`
	CheckName   string              `json:"check_name"`
	Description string              `json:"description"`
	Categories  []string            `json:"categories"`
	Severity    string              `json:"severity"`
	Fingerprint string              `json:"fingerprint"`
	Location    codeClimateLocation `json:"location"`
}

type codeClimateLocation struct {
	Path  string           `json:"path"`
	Lines codeClimateLines `json:"lines"`
}

type codeClimateLines struct {
	Begin int `json:"begin"`
}

func codeClimateSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "critical"
	case lint.Warning:
		return "major"
	}
	return "info"
}

func fingerprint(parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(h[:16])
}

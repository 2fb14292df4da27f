package lint

import (
	"fmt"
	"sort"
	"strings"
)

// Severity ranks a finding. Error: HAProxy refuses to start or traffic
// certainly fails. Warning: 5xx under plausible conditions. Info: hardening
// and hygiene.
type Severity int

// Severities, from least to most serious.
const (
	Info Severity = iota + 1
	Warning
	Error
)

// String returns the lower-case name of the severity.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "info", "warning" or "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "info":
		return Info, nil
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Diagnostic is one finding of one rule at one place.
type Diagnostic struct {
	Pos      Pos
	End      Pos // optional: end of the offending text on the same line
	RuleID   string
	RuleName string
	Severity Severity
	Message  string
}

// String formats the diagnostic as file:line:col: severity: message [ID].
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.RuleID)
}

// SortDiagnostics orders diagnostics by file, line, column, rule ID and
// message, so output is deterministic.
func SortDiagnostics(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Pos != b.Pos {
			return a.Pos.Before(b.Pos)
		}
		if a.RuleID != b.RuleID {
			return a.RuleID < b.RuleID
		}
		return a.Message < b.Message
	})
}

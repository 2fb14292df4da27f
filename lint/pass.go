package lint

import "fmt"

// Pass is what a rule sees while it runs: the configuration, the options,
// and a way to report findings.
type Pass struct {
	Rule    *Rule
	Config  *Config
	Options Options
	report  func(Diagnostic)
}

// Report records a finding. RuleID, RuleName and Severity default to the
// running rule's.
func (p *Pass) Report(d Diagnostic) {
	if d.RuleID == "" {
		d.RuleID = p.Rule.ID
	}
	if d.RuleName == "" {
		d.RuleName = p.Rule.Name
	}
	if d.Severity == 0 {
		d.Severity = p.Rule.Severity
	}
	p.report(d)
}

// Reportf records a finding at pos with a formatted message.
func (p *Pass) Reportf(pos Pos, format string, args ...any) {
	p.Report(Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// ReportWord records a finding spanning word i of directive d.
func (p *Pass) ReportWord(d *Directive, i int, format string, args ...any) {
	p.Report(Diagnostic{Pos: d.PosOf(i), End: d.EndOf(i), Message: fmt.Sprintf(format, args...)})
}

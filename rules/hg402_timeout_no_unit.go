package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// unitlessSuspectBelow is the bound under which a unitless timeout is
// taken for a forgotten unit: "timeout server 30" meant seconds, while
// "timeout server 30000" is a deliberate count of milliseconds.
const unitlessSuspectBelow = 1000

// TimeoutNoUnit reports small timeout values written without a unit.
var TimeoutNoUnit = &lint.Rule{
	ID:       "HG402",
	Name:     "timeout-without-unit",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Timeout written without a unit, so read as milliseconds",
		Why: `A time value without a unit is in milliseconds: "timeout server 30" gives the
server 30 ms, not 30 seconds, so every response slower than that ends in a 504
(and "timeout connect 5" fails healthy but distant servers with 503s). A space
before the unit does not help: a proxy refuses "timeout server 30 s", and a
resolvers or ring section reads "30" and ignores the "s". The rule reports unitless values from 1 to 999; larger
ones ("timeout server 30000") read as deliberate milliseconds and stay silent.`,
		Bad:    "defaults\n    timeout connect 5\n    timeout server 30",
		Good:   "defaults\n    timeout connect 5s\n    timeout server 30s",
		Fix:    "Always write the unit, glued to the number: 30s, 500ms, 2m.",
		Manual: "configuration.txt §2.5 (Time format), §4.2 \"timeout server\"",
		Since:  "0.1.0",
	},
	Run: runTimeoutNoUnit,
}

func runTimeoutNoUnit(p *lint.Pass) error {
	for t := range timeoutLines(p.Config) {
		v, err := timeoutValue(p, t.Directive)
		if err != nil || v.Unit != "" || v.Millis == 0 || v.Millis >= unitlessSuspectBelow {
			continue
		}
		msg := "timeout %s %s has no unit, so it means %d ms; write %ds if seconds were meant"
		if next := t.Directive.Arg(valueIndex + 1).Text(); next != "" {
			if isProxySettings(t.Directive.Section) {
				continue // HAProxy refuses the extra word: HG403
			}
			msg += "; the separate word \"" + next + "\" is ignored by HAProxy"
		}
		p.ReportWord(t.Directive, valueIndex, msg, t.Name, t.Directive.Arg(valueIndex).Text(), v.Millis, v.Millis)
	}
	return nil
}

func isTimeUnit(s string) bool {
	switch s {
	case "us", "ms", "s", "m", "h", "d":
		return true
	}
	return false
}

package rules

import (
	"errors"
	"fmt"

	"github.com/hapguard/hapguard/lint"
)

// TimeoutInvalid reports timeout values HAProxy refuses or misreads.
var TimeoutInvalid = &lint.Rule{
	ID:       "HG403",
	Name:     "timeout-invalid",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Timeout or check interval value HAProxy cannot read",
		Why: `HAProxy refuses to start on a timeout with a decimal ("1.5s"), an unknown or
upper-case unit ("30S", "10M", "5sec" is different, see below), a sign, a
word after the value ("timeout server 30 s"), an empty value (an unset "${VAR}" in quotes), or a value above 2147483647 ms
(about 24.8 days: "25d" overflows). The reload fails and the old process keeps
serving the old configuration, or on a fresh start nothing serves. Characters
after a valid unit ("30sec", "1min") are ignored by HAProxy 2.6 with a warning
announcing they will be refused: reported as a warning. The same applies to
the time values of server options (inter, fastinter, downinter, agent-inter,
slowstart), where the intervals must also be above 0.`,
		Bad:            "defaults\n    timeout connect 1.5s\n    timeout server 30S\n    timeout tunnel 30d",
		Good:           "defaults\n    timeout connect 1500ms\n    timeout server 30s\n    timeout tunnel 24d",
		Fix:            "Write an integer followed by one of us, ms, s, m, h, d, at most 24d.",
		Manual:         "configuration.txt §2.5 (Time format), §4.2 \"timeout\" keywords, §5.2 \"inter\", \"slowstart\"",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: func(p *lint.Pass) error {
		reportTimeouts(p)
		reportServerTimers(p)
		return nil
	},
}

// reportTimeouts applies HG403 to timeout directives.
func reportTimeouts(p *lint.Pass) {
	for t := range timeoutLines(p.Config) {
		d := t.Directive
		if extra := valueIndex + 1; extra < len(d.Words) && isProxySettings(d.Section) {
			p.ReportWord(d, extra, "timeout %s: unexpected extra argument %q after the value; HAProxy refuses to start (write the unit glued to the number)",
				t.Name, d.Arg(extra).Text())
		}
		v, err := timeoutValue(p, d)
		switch {
		case errors.Is(err, errUndecidable):
		case errors.Is(err, lint.ErrTimeEmpty):
			p.ReportWord(d, valueIndex, "timeout %s has an empty value (missing, or a variable that expands to nothing); HAProxy refuses to start", t.Name)
		case err != nil:
			p.ReportWord(d, valueIndex, "timeout %s %q: %v; HAProxy refuses to start", t.Name, d.Arg(valueIndex).Text(), err)
		case v.Trailing != "":
			p.Report(lint.Diagnostic{
				Pos: d.PosOf(valueIndex), End: d.EndOf(valueIndex), Severity: lint.Warning,
				Message: fmt.Sprintf("timeout %s %q: %q after the unit is ignored (the value is read as %s); HAProxy 2.6 warns that later versions will refuse it",
					t.Name, d.Arg(valueIndex).Text(), v.Trailing, v),
			})
		}
	}
}

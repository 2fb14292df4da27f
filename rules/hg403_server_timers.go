package rules

import (
	"errors"
	"fmt"

	"github.com/hapguard/hapguard/lint"
)

// serverTimerOptions are the server options that take a time value; the
// value is whether 0 is refused ("invalid value 0" in HAProxy 2.6).
var serverTimerOptions = map[string]bool{
	"inter": true, "fastinter": true, "downinter": true, "agent-inter": true, "slowstart": false,
}

// reportServerTimers applies HG403 to the time values of server,
// server-template and default-server lines.
func reportServerTimers(p *lint.Pass) {
	for _, s := range p.Config.SectionsOf("defaults", "backend", "listen") {
		for _, d := range s.Directives {
			if !d.Is("server") && !d.Is("server-template") && !d.Is("default-server") {
				continue
			}
			for _, o := range p.Config.ServerLine(d).Options() {
				if zeroInvalid, ok := serverTimerOptions[o.Name]; ok {
					reportServerTimer(p, d, o, zeroInvalid)
				}
			}
		}
	}
}

func reportServerTimer(p *lint.Pass, d *lint.Directive, o lint.ServerOption, zeroInvalid bool) {
	i := o.Index + 1
	v, err := durationWord(p, d.Arg(i))
	switch {
	case errors.Is(err, errUndecidable):
	case err != nil:
		p.ReportWord(d, i, "%s %q: %v; HAProxy refuses to start", o.Name, d.Arg(i).Text(), err)
	case zeroInvalid && v.Millis == 0:
		p.ReportWord(d, i, "%s 0 is refused by HAProxy (the interval must be positive)", o.Name)
	case v.Trailing != "":
		p.Report(lint.Diagnostic{
			Pos: d.PosOf(i), End: d.EndOf(i), Severity: lint.Warning,
			Message: fmt.Sprintf("%s %q: %q after the unit is ignored (the value is read as %s); HAProxy 2.6 warns that later versions will refuse it",
				o.Name, d.Arg(i).Text(), v.Trailing, v),
		})
	}
}

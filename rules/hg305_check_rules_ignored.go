package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// CheckRulesIgnored reports http-check/tcp-check rules that the check in
// effect never runs.
var CheckRulesIgnored = &lint.Rule{
	ID:       "HG305",
	Name:     "check-rules-ignored",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "http-check or tcp-check rules without the matching option",
		Why: `"http-check send/expect/connect" rules run only under "option httpchk", and
"tcp-check" rules only under "option tcp-check". Under any other check (none,
another option, or the other one of the two) HAProxy ignores them with a mere
warning: the check degrades to a bare connect, which succeeds while the
application answers 500, so broken servers stay in rotation and clients get
their 502/503 errors. A proxy that sets the option itself starts an empty rule
set: rules left in its defaults section are then ignored too.`,
		Bad:    "backend be_app\n    http-check expect status 200\n    server s1 10.0.0.1:8080 check",
		Good:   "backend be_app\n    option httpchk GET /health\n    http-check expect status 200\n    server s1 10.0.0.1:8080 check",
		Fix:    "Add \"option httpchk\" (for http-check rules) or \"option tcp-check\" (for tcp-check rules) next to the rules.",
		Manual: "configuration.txt §4.2 \"option httpchk\", \"option tcp-check\", \"http-check expect\", \"tcp-check connect\"",
		Since:  "0.1.0",
	},
	Run: runCheckRulesIgnored,
}

func runCheckRulesIgnored(p *lint.Pass) error {
	for _, s := range p.Config.SectionsOf("defaults", "backend", "listen") {
		protocol, _ := checkProtocol(s)
		for _, pair := range [][2]string{{"http-check", "httpchk"}, {"tcp-check", "tcp-check"}} {
			rules := ruleLinesOf(s, pair[0])
			if len(rules) == 0 || protocol == pair[1] {
				continue
			}
			p.ReportWord(rules[0], 0, "%d %s rule(s) in %s are ignored: %s; add \"option %s\"",
				len(rules), pair[0], checkSectionLabel(s), checkInEffect(protocol), pair[1])
		}
	}
	return nil
}

func checkInEffect(protocol string) string {
	if protocol == "" {
		return "no check option is in effect"
	}
	return "the check in effect is \"option " + protocol + "\""
}

func checkSectionLabel(s *lint.Section) string {
	if s.Name == "" {
		return s.Kind + " section"
	}
	return s.Kind + " \"" + s.Name + "\""
}

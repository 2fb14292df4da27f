package rules

import (
	"strconv"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// StickCounterOutOfRange reports a track-scN action whose counter N does not
// exist in the configured HAProxy.
var StickCounterOutOfRange = &lint.Rule{
	ID:       "HG008",
	Name:     "stick-counter-out-of-range",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "track-scN beyond the stick counters HAProxy has",
		Why: `A session has a fixed number of stick counters, numbered from 0: three in
HAProxy 2.6 (a build-time constant), and from 2.8 as many as
"tune.stick-counters" in the global section says, 3 by default. A "track-sc3"
rule (or higher) beyond them is refused ("track-sc number exceeding 2
(tune.stick-counters-1) value"), so the configuration never loads and the
rate limits or abuse protection it carries are not deployed. Checked against
the 2.6, 2.8, 3.0, 3.2 and 3.4 binaries.`,
		Bad:            "backend be_app\n    stick-table type ip size 100k expire 10m store http_req_rate(10s)\n    http-request track-sc3 src\n    server s1 10.0.0.1:8080",
		Good:           "backend be_app\n    stick-table type ip size 100k expire 10m store http_req_rate(10s)\n    http-request track-sc2 src\n    server s1 10.0.0.1:8080",
		Fix:            "Use track-sc0 to track-sc2, or (2.8 and newer) raise \"tune.stick-counters\" in the global section above the highest counter used.",
		Manual:         "configuration.txt §3.2 \"tune.stick-counters\" (2.8+); §4.4 \"track-sc0\", \"track-sc1\", \"track-sc2\"",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runStickCounterOutOfRange,
}

// defaultStickCounters is MAX_SESS_STKCTR: 2.6's fixed count, and the
// default of tune.stick-counters from 2.8.
const defaultStickCounters = 3

func runStickCounterOutOfRange(p *lint.Pass) error {
	limit, why := stickCounters(p)
	for _, s := range p.Config.SectionsOf("defaults", "frontend", "backend", "listen") {
		for _, d := range s.Directives {
			ruleset, i := actionRuleset(d)
			if ruleset == "" || i >= len(d.Words) || actionName(d.Words[i].Text()) != "track-sc" {
				continue
			}
			n, err := strconv.Atoi(strings.TrimPrefix(d.Words[i].Text(), "track-sc"))
			if err == nil && n >= limit {
				p.ReportWord(d, i, "%q: HAProxy %s has the stick counters 0 to %d (%s) and refuses the configuration",
					d.Words[i].Text(), p.Options.HAProxyVersion, limit-1, why)
			}
		}
	}
	return nil
}

// stickCounters returns how many stick counters a session has, and why.
func stickCounters(p *lint.Pass) (int, string) {
	if !p.Options.HAProxyVersion.AtLeast(2, 8) {
		return defaultStickCounters, "a fixed count before 2.8"
	}
	if d := p.Config.GlobalLookup("tune.stick-counters"); d != nil && len(d.Words) > 1 {
		if n, err := strconv.Atoi(d.Words[1].Text()); err == nil && n >= 0 {
			return n, "tune.stick-counters " + d.Words[1].Text()
		}
	}
	return defaultStickCounters, "tune.stick-counters is 3 by default"
}

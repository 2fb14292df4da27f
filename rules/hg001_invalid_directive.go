package rules

import "github.com/hapguard/hapguard/lint"

// InvalidDirective reports directives HAProxy cannot parse: unknown
// keywords, keywords in a section that does not take them or of another
// HAProxy version, malformed lines, unknown server options and misused
// conditional blocks.
var InvalidDirective = &lint.Rule{
	ID:       "HG001",
	Name:     "invalid-directive",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Directive that is unknown, malformed, or in the wrong section",
		Why: `HAProxy refuses the whole configuration when one line is an unknown keyword
(often a typo, or a keyword of a newer version), a keyword the section cannot
take ("server" in a frontend, "http-request" in an anonymous defaults), an
unknown server or bind option, an unknown rule action ("http-request
set-headr"), a mistyped
value ("mode htpp", "balance leastconns"), a rule cut short ("http-reuse"
with no mode, "content-type" with no value), rules of a named defaults
section inherited where HAProxy forbids it (by a listen, or by frontends and
backends alike), or a stray ".endif". A reload then fails and the old
process keeps running the old configuration; on a fresh start nothing
listens at all, and clients get connection errors, or 503 from a load
balancer in front. Some misplaced keywords are only ignored with a warning
("balance" in a frontend, "bind" in a backend): those are reported as
warnings, since the setting the author expected never applies.`,
		Bad:            "backend be_app\n    balanse roundrobin\n    server s1 10.0.0.1:8080 chek",
		Good:           "backend be_app\n    balance roundrobin\n    server s1 10.0.0.1:8080 check",
		Fix:            "Correct the keyword, move it to a section that takes it, complete the line, or set --haproxy-version to the version you run.",
		Manual:         "configuration.txt §3 (global keywords), §4.1 (proxy keywords matrix), §4.2 (mode, balance, http-reuse, http-request ...), §4.3 (3.2: actions matrix), §5.1 (bind options), §5.2 (server options), §2.4 (conditional blocks)",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runInvalidDirective,
}

func runInvalidDirective(p *lint.Pass) error {
	reportFaults(p, lint.FaultConditional)
	checkRulesInheritance(p)
	probe := newDecodeProbe()
	for _, s := range p.Config.Sections {
		for _, d := range s.Directives {
			if !checkKeyword(p, d) {
				continue
			}
			checkArgumentCount(p, d)
			checkEnumArg(p, d)
			checkAction(p, d)
			checkServerWords(p, d)
			checkBindWords(p, d)
			probe.check(p, d)
		}
	}
	return nil
}

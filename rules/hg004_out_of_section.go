package rules

import "github.com/hapguard/hapguard/lint"

// OutOfSection reports directives that come before any section header.
var OutOfSection = &lint.Rule{
	ID:       "HG004",
	Name:     "directive-out-of-section",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Directive before any section",
		Why: `HAProxy reads every directive inside the section opened above it. A directive at
the top of a file, before "global", "defaults", "frontend", "backend" or
"listen", belongs to nothing: HAProxy rejects it ("unknown keyword out of
section") and refuses to start. Each -f file starts outside any section, so a
file that continues the previous file's backend fails the same way.`,
		Bad:            "server s1 10.0.0.1:8080 check\nbackend be_app\n    balance roundrobin",
		Good:           "backend be_app\n    balance roundrobin\n    server s1 10.0.0.1:8080 check",
		Fix:            "Move the directive under the section it belongs to, or add the missing section header.",
		Manual:         "configuration.txt §2.1 (Configuration file format), §4 (Proxies)",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: func(p *lint.Pass) error {
		for _, d := range p.Config.Orphans {
			p.ReportWord(d, 0, "%q appears before any section: HAProxy rejects it as out of section", d.Keyword())
		}
		return nil
	},
}

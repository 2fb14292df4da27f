package rules

import "github.com/hapguard/hapguard/lint"

// BadDefaultsFrom reports "from" references HAProxy cannot resolve.
var BadDefaultsFrom = &lint.Rule{
	ID:       "HG005",
	Name:     "defaults-from-unresolved",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Section inherits from a defaults section that is missing, later, or itself",
		Why: `"from NAME" must name a defaults section defined above. Otherwise HAProxy
refuses to start; and where a tool silently falls back to the previous
defaults section, the proxy would run without the timeouts and mode you meant
it to inherit.`,
		Bad:            "defaults base\n    mode http\nbackend be_app from bse\n    server s1 10.0.0.1:8080",
		Good:           "defaults base\n    mode http\nbackend be_app from base\n    server s1 10.0.0.1:8080",
		Fix:            "Correct the name, or move the named defaults section above the sections that use it.",
		Manual:         "configuration.txt §4 (Proxies), \"defaults [<name>] [ from <defaults_name> ]\"",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: func(p *lint.Pass) error {
		reportFaults(p, lint.FaultFrom)
		return nil
	},
}

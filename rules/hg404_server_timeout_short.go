package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// ServerTimeoutShort reports a timeout server below the configured floor.
var ServerTimeoutShort = &lint.Rule{
	ID:       "HG404",
	Name:     "server-timeout-too-short",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "timeout server shorter than the configured minimum",
		Why: `"timeout server" bounds how long HAProxy waits for each part of the server's
response. Set too low, every slow but healthy response (a report, a cold
cache, a garbage-collection pause) is cut and answered with 504 Gateway
Timeout, and retries do not help since the next server is just as slow. The
floor is 1s unless configured otherwise (min-server-timeout).`,
		Bad:    "defaults\n    timeout server 200ms",
		Good:   "defaults\n    timeout server 30s",
		Fix:    "Raise timeout server above the slowest legitimate response time of the backend.",
		Manual: "configuration.txt §4.2 \"timeout server\", §2.5 (Time format)",
		Since:  "0.1.0",
	},
	Run: runServerTimeoutShort,
}

func runServerTimeoutShort(p *lint.Pass) error {
	floor := p.Options.MinServerTimeout
	if floor <= 0 {
		return nil
	}
	for t := range timeoutLines(p.Config) {
		d := t.Directive
		if t.Name != "server" || !appliesToBackends(d.Section) {
			continue
		}
		v, err := timeoutValue(p, d)
		if err != nil || v.Millis == 0 || v.Exact >= floor {
			continue
		}
		p.ReportWord(d, valueIndex, "timeout server %s is below the %s minimum: slower responses are cut with 504",
			v, floor)
	}
	return nil
}

// appliesToBackends reports whether proxy settings in s reach backends.
func appliesToBackends(s *lint.Section) bool {
	return s != nil && (s.Kind == "defaults" || s.HasBackend())
}

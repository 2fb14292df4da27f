package rules

import (
	"strconv"

	"github.com/hapguard/hapguard/lint"
)

// RetriesWithoutRedispatch reports retries that can only go back to the
// server that just failed.
var RetriesWithoutRedispatch = &lint.Rule{
	ID:       "HG512",
	Name:     "retries-without-redispatch",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Retries set on a backend of several servers without option redispatch",
		Why: `"retries" counts new connection attempts to the same server after a refused or
timed-out connection. Without "option redispatch", every retry goes back to
the server that just failed, so while its health check has not yet marked it
down, its share of requests ends in 503 even though other servers are fine.
Backends with cookie persistence are reported by HG507 instead.`,
		Bad: `backend be_app
    retries 3
    server app1 10.0.0.1:8080 check
    server app2 10.0.0.2:8080 check`,
		Good: `backend be_app
    retries 3
    option redispatch
    server app1 10.0.0.1:8080 check
    server app2 10.0.0.2:8080 check`,
		Fix:    `Add "option redispatch" to the backend or its defaults section.`,
		Manual: "configuration.txt §4.2 \"retries\", \"option redispatch\"",
		Since:  "0.1.0",
	},
	Run: runRetriesWithoutRedispatch,
}

func runRetriesWithoutRedispatch(p *lint.Pass) error {
	rt := analyzeRouting(p.Config, p.Options)
	for _, s := range reachedBackends(p.Config, rt) {
		retries := s.Effective("retries")
		if retries == nil || redispatchOn(s) || s.Effective("cookie") != nil {
			continue
		}
		if n, err := strconv.Atoi(retries.Arg(1).Text); err != nil || n <= 0 || activeServers(s, 2) < 2 {
			continue
		}
		at := s.Header // the inherited retries line is shared: report on the backend
		if retries.Section == s {
			at = retries
		}
		p.ReportWord(at, 1, "%s %q retries failed connections (%s) without \"option redispatch\": every retry goes back to the failing server",
			s.Kind, s.Name, retries.Text())
	}
	return nil
}

package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// RetriesWithoutRedispatch reports retries that can only go back to the
// server that just failed.
var RetriesWithoutRedispatch = &lint.Rule{
	ID:       "HG512",
	Name:     "retries-without-redispatch",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Backend of several servers retrying without option redispatch",
		Why: `"retries" counts new connection attempts to the same server after a refused or
timed-out connection. Without "option redispatch", every retry goes back to
the server that just failed, so while its health check has not yet marked it
down, its share of requests ends in 503 even though other servers are fine.
HAProxy retries 3 times when no "retries" line is given (manual §4.2
"retries", 2.6 to 3.4), so a backend without any retries line is reported
too; "retries 0", and a retry-on line without conn-failure (such as
"retry-on none"), turn these retries off (src/backend.c).
Backends with cookie persistence are reported by HG507 instead.`,
		Bad: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check
    server app2 10.0.0.2:8080 check`,
		Good: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
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
	for _, s := range rt.reachedBackends {
		n, retries, ok := retryCount(s)
		if !ok || n == 0 || redispatchOn(s) || s.Effective("cookie") != nil || activeServers(s, 2) < 2 {
			continue
		}
		if !retriesConnFailures(s) {
			continue
		}
		at, what := s.Header, "HAProxy's default retries 3"
		if retries != nil {
			what = retries.Text()
			if retries.Section == s { // an inherited retries line is shared: report on the backend
				at = retries
			}
		}
		p.ReportWord(at, 1, "%s %q retries failed connections (%s) without \"option redispatch\": every retry goes back to the failing server",
			s.Kind, s.Name, what)
	}
	return nil
}

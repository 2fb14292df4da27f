package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// AllServersIdle reports backends in which no server takes part in load
// balancing: each is disabled or has weight 0.
var AllServersIdle = &lint.Rule{
	ID:       "HG504",
	Name:     "all-servers-disabled",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Every server of a backend is disabled or has weight 0",
		Why: `A "disabled" server starts in maintenance and a "weight 0" server takes no part
in load balancing; both keep only persistent (cookie, force-persist) traffic.
When every server of a backend that receives traffic is in that state, new
requests find no server and get 503 Service Unavailable. The options are
often inherited unnoticed from a default-server line, possibly in a defaults
section. A backend stopped by the proxy keyword "disabled" (possibly set in
its defaults section) answers 503 the same way.`,
		Bad: `frontend fe_main
    bind :80
    default_backend be_web
backend be_web
    default-server disabled
    server web1 10.0.0.1:8080 check
    server web2 10.0.0.2:8080 check weight 0`,
		Good: `frontend fe_main
    bind :80
    default_backend be_web
backend be_web
    server web1 10.0.0.1:8080 check
    server web2 10.0.0.2:8080 check disabled`,
		Fix: `Enable at least one server ("enabled" overrides an inherited "disabled"),
or give it a weight above 0; enable the backend, or stop routing to it.`,
		Manual: "configuration.txt §5.2 \"disabled\", \"enabled\", \"weight\"; §4.2 \"disabled\", \"default-server\"",
		Since:  "0.1.0",
	},
	Run: runAllServersIdle,
}

func runAllServersIdle(p *lint.Pass) error {
	rt := analyzeRouting(p.Config, p.Options)
	reportDisabledBackends(p, rt)
	for _, s := range rt.reachedBackends {
		if all, _ := allServers(s, serverTraits.idle); !all {
			continue
		}
		p.ReportWord(s.Header, 1, "every server of %s %q is disabled or has weight 0 and %s: new requests get 503 (no server available)",
			s.Kind, s.Name, reachedReason(rt, s))
	}
	return nil
}

// reportDisabledBackends reports backends stopped by the proxy keyword
// "disabled" that an enabled frontend still routes to: all their servers
// are out of service with them.
func reportDisabledBackends(p *lint.Pass, rt *routing) {
	for _, s := range p.Config.SectionsOf("backend") {
		if r, ok := rt.routedTo[s]; ok && proxyDisabled(s) {
			p.ReportWord(s.Header, 1, "backend %q is disabled but %s routes to it: requests get 503 (no server available)",
				s.Name, r.describe())
		}
	}
}

package rules

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// BackendWithoutServers reports backends that receive traffic but have no
// server to send it to.
var BackendWithoutServers = &lint.Rule{
	ID:       "HG503",
	Name:     "backend-without-servers",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Backend that receives traffic has no server",
		Why: `HAProxy accepts a backend without any server or server-template line, but
every request routed to it (by default_backend or use_backend, or arriving on
a listen section's own bind lines) fails at once with 503 Service Unavailable,
logged as "<NOSRV>" with termination state "SC--". Backends that answer on their
own are not reported: statistics ("stats enable"/"stats uri"), "dispatch",
"option transparent", or a final http-request/tcp-request action such as
"return", "redirect", "deny" or "use-service".

HAProxy can also receive servers after it starts ("add server" on the
runtime API, since 2.4; Lua or an orchestrator driving it), and generated
configurations often append them. So the finding is a warning, not an error,
and it becomes info when the backend is visibly prepared for servers it
does not list: a "use-server" rule, a "balance" or "hash-type" setting, a
"default-server" line, a health check, cookie or stick persistence.`,
		Bad: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_web
backend be_web
    balance roundrobin`,
		Good: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_web
backend be_web
    balance roundrobin
    server web1 10.0.0.1:8080 check`,
		Fix:    "Add the server lines (or a server-template), or stop routing to the backend.",
		Manual: "configuration.txt §4.2 \"server\", \"server-template\", \"use_backend\"; §5.2 (server options)",
		Since:  "0.1.0",
	},
	Run: runBackendWithoutServers,
}

func runBackendWithoutServers(p *lint.Pass) error {
	rt := analyzeRouting(p.Config, p.Options)
	for _, s := range rt.reachedBackends {
		if len(s.EffectiveServers()) > 0 || answersWithoutServers(s) {
			continue
		}
		fate := "every request gets 503"
		if len(rt.routesOf(s)) > 0 {
			fate = "requests that match none of its use_backend rules get 503"
		}
		if d := serverPreparation(s); d != nil {
			p.Report(lint.Diagnostic{Pos: s.Header.PosOf(1), End: s.Header.EndOf(1), Severity: lint.Info,
				Message: fmt.Sprintf("%s %q has no server in the configuration but is set up for servers (%q at line %d) and %s: unless servers are added at run time (runtime API \"add server\"), %s",
					s.Kind, s.Name, d.Keyword(), d.Pos().Line, reachedReason(rt, s), fate)})
			continue
		}
		p.ReportWord(s.Header, 1, "%s %q has no server or server-template but %s: %s (no server available), unless servers are added at run time through the runtime API",
			s.Kind, s.Name, reachedReason(rt, s), fate)
	}
	return nil
}

// serverPreparation returns the first line of s that only makes sense with
// servers: the sign that they are meant to come from elsewhere (the runtime
// API, a generator appending them).
func serverPreparation(s *lint.Section) *lint.Directive {
	for _, d := range s.Directives {
		switch d.Keyword() {
		case "use-server", "balance", "hash-type", "default-server", "http-check", "tcp-check", "cookie",
			"stick", "stick-table", "load-server-state-from-file", "server-state-file-name", "dynamic-cookie-key":
			return d
		case "option":
			if strings.HasSuffix(d.Arg(1).Text(), "chk") || strings.HasSuffix(d.Arg(1).Text(), "-check") {
				return d
			}
		}
	}
	return nil
}

// answersWithoutServers reports whether a backend serves some requests
// without servers, or forwards them by other means than server lines.
func answersWithoutServers(s *lint.Section) bool {
	if on, _ := s.Option("transparent"); on {
		return true
	}
	return s.Effective("dispatch") != nil || answersRequests(s, false)
}

package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// NoDefaultBackend reports frontends whose every use_backend rule is
// conditional and that have no default_backend to catch the rest.
var NoDefaultBackend = &lint.Rule{
	ID:       "HG502",
	Name:     "no-default-backend",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Frontend with only conditional use_backend rules and no default_backend",
		Why: `When no use_backend rule matches and no default_backend is set, a frontend has
nowhere to send the request: in mode http HAProxy answers 503 Service
Unavailable itself (no server is used), in mode tcp it closes the
connection. A new path, a missing Host header or a client that sends an
unexpected name is enough to hit it. A listen section falls back to its own
servers instead (see HG503). Not reported when the rules already cover every
request: an unconditional redirect, deny or return; two rules on the same ACL,
one negated ("use_backend a if X", "use_backend b if !X"); or a redirect
"if !{ ssl_fc }" on a frontend without TLS, which takes everything.`,
		Bad: `frontend fe_main
    bind 127.0.0.1:8080
    use_backend be_api if { path_beg /api }
    use_backend be_web if { hdr(host) -i www.example.com }`,
		Good: `frontend fe_main
    bind 127.0.0.1:8080
    use_backend be_api if { path_beg /api }
    default_backend be_web`,
		Fix: `Add a default_backend (in the frontend or its defaults section), or make the
last rule unconditional, or answer unmatched requests explicitly with
"http-request deny" or "http-request return".`,
		Manual: "configuration.txt §4.2 \"use_backend\" (\"a 503 service unavailable response is returned\"), \"default_backend\"",
		Since:  "0.1.0",
	},
	Run: runNoDefaultBackend,
}

func runNoDefaultBackend(p *lint.Pass) error {
	for _, f := range analyzeRouting(p.Config, p.Options).frontends {
		s, routes := f.Section, f.Routes
		if s.Kind != "frontend" || len(routes) == 0 || hasCatchAll(routes) ||
			answersRequests(s, true) || answersTheRest(s, routes) || coversEveryRequest(s, routes) {
			continue
		}
		fate := "get 503 Service Unavailable"
		if f.Mode != "http" {
			fate = "have their connection closed"
		}
		p.ReportWord(s.Header, 1, "frontend %q has only conditional use_backend rules and no default_backend: requests that match none %s",
			s.Name, fate)
	}
	return nil
}

package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// NoHTTPRequestTimeout reports HTTP frontends that give clients the whole
// client timeout between each chunk of their request headers.
var NoHTTPRequestTimeout = &lint.Rule{
	ID:       "HG409",
	Name:     "http-request-timeout-missing",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "HTTP frontend without timeout http-request",
		Why: `Without "timeout http-request", only "timeout client" limits how long a client
may take to send its request headers, and it restarts with every byte
received: a client trickling a header byte every few seconds (slowloris)
holds a connection for ever. A few hundred such clients fill the frontend's
maxconn; new clients then wait in the kernel's accept queue and time out,
and a load balancer in front reports 503/504. With "timeout http-request"
the whole header must arrive in time, else HAProxy answers 408.`,
		Bad: `frontend fe_main
    mode http
    bind 127.0.0.1:8080
    timeout client 30s
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check`,
		Good: `frontend fe_main
    mode http
    bind 127.0.0.1:8080
    timeout client 30s
    timeout http-request 10s
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check`,
		Fix:    `Set "timeout http-request" (e.g. 10s) in the frontend or its defaults section.`,
		Manual: "configuration.txt §4.2 \"timeout http-request\" (\"If this parameter is not set, the client timeout still applies between each chunk of the incoming request\")",
		Since:  "0.2.0",
	},
	Run: runNoHTTPRequestTimeout,
}

func runNoHTTPRequestTimeout(p *lint.Pass) error {
	for _, s := range p.Config.SectionsOf("frontend", "listen") {
		if mode, _ := s.Mode(); mode != "http" || len(s.Find("bind")) == 0 || proxyDisabled(s) {
			continue
		}
		if _, _, set := effectiveTimeout(p, s, "http-request"); set {
			continue
		}
		p.ReportWord(s.Header, 1, "%s %q has no timeout http-request: a client sending its headers slowly holds a connection as long as it sends a byte within timeout client",
			s.Kind, s.Name)
	}
	return nil
}

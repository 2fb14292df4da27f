package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// HTTPReuseAlways reports "http-reuse always".
var HTTPReuseAlways = &lint.Rule{
	ID:       "HG509",
	Name:     "http-reuse-always",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "http-reuse always",
		Why: `With "http-reuse always" even the first request of a new client connection is
sent over an idle server connection, one that has not been proven to
survive reuse ("aggressive" waits for that proof) and that the server may
be closing at that very moment. When it does, the client's first request
fails: HAProxy closes the client connection without an answer (it cannot
tell the client to retry a first request), and a browser or a load
balancer in front shows it as a 502. The manual recommends it only for
paths "known for never breaking existing connections quickly after
releasing them", with a low "timeout http-keep-alive".`,
		Bad: `backend be_app
    mode http
    http-reuse always
    server app1 10.0.0.1:8080 check`,
		Good: `backend be_app
    mode http
    http-reuse safe
    server app1 10.0.0.1:8080 check`,
		Fix: `Use "http-reuse safe" (the default) or "aggressive"; if "always" is needed, add
"retry-on conn-failure empty-response" so that HAProxy replays the request
itself on a new connection.`,
		Manual: "configuration.txt §4.2 \"http-reuse\" (\"always\": \"only recommended when the path to the server is known for never breaking existing connections\")",
		Since:  "0.2.0",
	},
	Run: runHTTPReuseAlways,
}

func runHTTPReuseAlways(p *lint.Pass) error {
	for _, s := range p.Config.Sections {
		if s.Kind != "defaults" && !s.HasBackend() {
			continue
		}
		if mode, _ := s.Mode(); mode != "http" {
			continue
		}
		for _, d := range s.Find("http-reuse", "always") {
			p.ReportWord(d, 1, "http-reuse always sends first requests over idle server connections that the server may be closing: such a request fails without an answer the client could retry")
		}
	}
	return nil
}

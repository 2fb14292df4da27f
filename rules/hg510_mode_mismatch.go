package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// ModeMismatch reports HTTP frontends that route to TCP backends.
var ModeMismatch = &lint.Rule{
	ID:       "HG510",
	Name:     "mode-mismatch",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "HTTP frontend routed to a TCP backend",
		Why: `A frontend or listen section in mode http cannot hand its streams to a backend
in mode tcp: HAProxy refuses to start ("tries to use incompatible tcp
backend"). The mode often comes from different defaults sections above the
frontend and the backend. The reverse, a TCP frontend routing to an HTTP
backend, is allowed: HAProxy upgrades the connection to HTTP (manual
"use_backend").`,
		Bad: `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_db
backend be_db
    mode tcp
    server db1 10.0.0.1:5432`,
		Good: `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_web
backend be_web
    server web1 10.0.0.1:8080
frontend fe_db
    mode tcp
    bind 127.0.0.1:5432
    default_backend be_db
backend be_db
    mode tcp
    server db1 10.0.0.1:5432`,
		Fix:            "Route the TCP service from a TCP frontend of its own, or set the backend's mode to http if it speaks HTTP.",
		Manual:         "configuration.txt §4.2 \"mode\", \"use_backend\", \"default_backend\"",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runModeMismatch,
}

func runModeMismatch(p *lint.Pass) error {
	reported := map[*lint.Directive]bool{}
	rt := analyzeRouting(p.Config, p.Options)
	for _, r := range rt.routes {
		be := p.Config.Backend(r.Target)
		if r.Dynamic || be == nil || reported[r.Directive] || rt.of[r.From].Mode != "http" {
			continue
		}
		if mode, _ := be.Mode(); mode == "tcp" {
			reported[r.Directive] = true
			p.ReportWord(r.Directive, 1, "%s in mode http routes to %s %q in mode tcp: HAProxy refuses to start",
				r.describe(), be.Kind, be.Name)
		}
	}
	return nil
}

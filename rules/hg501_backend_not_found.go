package rules

import (
	"fmt"

	"github.com/hapguard/hapguard/lint"
)

// BackendNotFound reports use_backend and default_backend rules naming a
// backend that does not exist.
var BackendNotFound = &lint.Rule{
	ID:       "HG501",
	Name:     "backend-not-found",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "use_backend or default_backend names a backend that does not exist",
		Why: `A static backend name is resolved when HAProxy loads the configuration. A
name that matches no backend or listen section (a typo, a backend deleted or
renamed, a frontend's name) makes HAProxy refuse to start ("unable to find
required use_backend"), and a reload keeps the old configuration. A
default_backend set in a defaults section is checked for every frontend and
listen section that inherits it. Names containing a log-format expression
("%[...]") are resolved per request and not checked.`,
		Bad: `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe_main
    bind 127.0.0.1:8080
    use_backend be_api if { path_beg /api }
    default_backend be_web
backend be_apl
    server api1 10.0.0.1:8080
backend be_web
    server web1 10.0.0.2:8080`,
		Good: `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe_main
    bind 127.0.0.1:8080
    use_backend be_api if { path_beg /api }
    default_backend be_web
backend be_api
    server api1 10.0.0.1:8080
backend be_web
    server web1 10.0.0.2:8080`,
		Fix:            "Correct the name, or add the backend (or listen section) it refers to.",
		Manual:         "configuration.txt §4.2 \"use_backend\", \"default_backend\"; §2.3 (environment variables)",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runBackendNotFound,
}

func runBackendNotFound(p *lint.Pass) error {
	// The routes of enabled proxies only: HAProxy does not resolve those of
	// a disabled one. An inherited default_backend is reported once.
	reported := map[*lint.Directive]bool{}
	for _, r := range analyzeRouting(p.Config, p.Options).routes {
		if r.Dynamic || reported[r.Directive] || p.Config.Backend(r.Target) != nil {
			continue
		}
		reported[r.Directive] = true
		p.ReportWord(r.Directive, 1, "%s", missingBackendMessage(p.Config, r))
	}
	return nil
}

func missingBackendMessage(cfg *lint.Config, r route) string {
	what := fmt.Sprintf("%s %q", r.Directive.Keyword(), r.Target)
	if r.Inherited {
		what += fmt.Sprintf(" (inherited by %s)", r.describe())
	}
	if r.Target == "" {
		return what + " is empty once its environment variables are expanded: HAProxy refuses to start"
	}
	msg := what + " names no backend or listen section: HAProxy refuses to start"
	if cfg.Section("frontend", r.Target) != nil {
		msg += fmt.Sprintf("; %q is a frontend, which cannot receive routed traffic", r.Target)
	}
	return msg
}

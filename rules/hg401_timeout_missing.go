package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// TimeoutMissing reports proxies that run without the timeouts HAProxy
// warns about at startup.
var TimeoutMissing = &lint.Rule{
	ID:       "HG401",
	Name:     "timeout-missing",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Proxy without timeout connect, server or client",
		Why: `Without "timeout connect" a connection attempt to a dead server hangs instead of
failing over; without "timeout server" a stuck server holds the request until
the client gives up; without "timeout client" idle and half-dead client
connections pile up until maxconn is reached and new clients are refused.
Requests then end in 504 or 503 storms instead of a quick retry on another
server. HAProxy only prints "missing timeouts" and starts anyway, which is why
this is reported as an error here. The rule follows HAProxy's own test: a
frontend or listen needs "timeout client"; a backend or listen with servers
needs "timeout connect" and "timeout server" ("timeout tunnel" can stand in
for "timeout server" in mode tcp). A value of 0 means no timeout.`,
		Bad:    "defaults\n    mode http\nbackend be_app\n    server s1 10.0.0.1:8080 check",
		Good:   "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nbackend be_app\n    server s1 10.0.0.1:8080 check",
		Fix:    "Set timeout connect, client and server in the defaults section (or in each proxy), with explicit units.",
		Manual: "configuration.txt §4.2 \"timeout connect\", \"timeout client\", \"timeout server\", \"timeout tunnel\"",
		Since:  "0.1.0",
	},
	Run: runTimeoutMissing,
}

func runTimeoutMissing(p *lint.Pass) error {
	for _, s := range p.Config.Proxies() {
		if missing := missingTimeouts(p, s); len(missing) > 0 {
			p.ReportWord(s.Header, 0, "%s %q has no %s (not set here nor in its defaults, or set to 0): %s",
				s.Kind, s.Name, strings.Join(missing, ", "), missingTimeoutEffect(missing))
		}
	}
	return nil
}

// missingTimeouts lists the timeouts HAProxy's startup check finds missing.
func missingTimeouts(p *lint.Pass, s *lint.Section) []string {
	mode, _ := s.Mode()
	if mode != "http" && mode != "tcp" {
		return nil
	}
	var missing []string
	has := func(name string) bool { _, _, set := effectiveTimeout(p, s, name); return set }
	if s.HasFrontend() && !has("client") {
		missing = append(missing, "timeout client")
	}
	if !s.HasBackend() || len(s.Servers()) == 0 {
		return missing
	}
	if !has("connect") {
		missing = append(missing, "timeout connect")
	}
	if !has("server") && (mode == "http" || !has("tunnel")) {
		missing = append(missing, "timeout server")
	}
	return missing
}

func missingTimeoutEffect(missing []string) string {
	var effects []string
	for _, m := range missing {
		switch m {
		case "timeout client":
			effects = append(effects, "idle clients are never closed and exhaust maxconn")
		case "timeout connect":
			effects = append(effects, "connects to a dead server hang instead of failing over")
		case "timeout server":
			effects = append(effects, "a stuck server holds requests forever (504s, queue pile-up)")
		}
	}
	return strings.Join(effects, "; ")
}

package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// ServerPortMissing reports server addresses without a port.
var ServerPortMissing = &lint.Rule{
	ID:       "HG101",
	Name:     "server-port-missing",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Server address without a port",
		Why: `A server written without a port ("server s1 10.0.0.1") receives each connection
on the port the client connected to. Behind "bind :443" the backend is then
reached on 443, behind "bind :80" on 80: usually nothing listens there, or the
wrong service answers, and clients get 503 (connection refused) or 502 (a TLS
or protocol mismatch). Unix and abstract sockets, and server-template lines
resolved through SRV records, carry no port and are not reported.`,
		Bad:    "backend be_app\n    server s1 10.0.0.1 check",
		Good:   "backend be_app\n    server s1 10.0.0.1:8080 check",
		Fix:    "Append the service port to the address: 10.0.0.1:8080, [2001:db8::1]:8080.",
		Manual: "configuration.txt §4.2 \"server\" (<port> \"If unset, the same port the client connected to will be used\"), §11 (2.6) / §2.9 (3.2) Address formats",
		Since:  "0.1.0",
	},
	Run: runServerPortMissing,
}

func runServerPortMissing(p *lint.Pass) error {
	for s := range serverAddrs(p) {
		a := s.addr
		if a.HostUnknown || a.PortUnknown || a.IsSocket() || a.IsWildcard() || !knownPrefix(a) || resolvedBySRV(s) {
			continue
		}
		switch {
		case !a.HasPort:
			s.report(p, 0, "server %q has no port in %q: each connection goes to the port the client connected to", s.name(), a.Text)
		case a.Port == "":
			s.report(p, 0, "server %q has an empty port in %q: each connection goes to the port the client connected to", s.name(), a.Text)
		}
	}
	return nil
}

// resolvedBySRV reports whether a server-template takes its ports from DNS:
// an SRV name ("_http._tcp.svc") or a template with "resolvers" in effect.
func resolvedBySRV(s serverAddr) bool {
	if !s.template() {
		return false
	}
	_, withResolvers := s.srv.Source("resolvers")
	return withResolvers || strings.HasPrefix(s.addr.Host, "_")
}

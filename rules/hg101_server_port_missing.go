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
resolved through SRV records, carry no port and are not reported. When the
frontends routing to the backend are known, the finding names the ports the
server receives: a warning when one of them terminates TLS (the server then
gets clear HTTP on the TLS port), info when the bind lines fix the ports (a
single port, or a port range passed through on purpose).`,
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
		what := "no port in"
		switch {
		case a.HasPort && a.Port != "":
			continue
		case a.HasPort:
			what = "an empty port in"
		}
		reportClientPort(p, s, what)
	}
	return nil
}

// reportClientPort says which ports a server without one receives. Behind a
// frontend that terminates TLS, a clear-text server gets the TLS port: a
// warning. When the bind lines name the ports (one port, several, a range
// passed through on purpose) the server gets those: info, with the ports.
// When no frontend is known to reach it, a warning.
func reportClientPort(p *lint.Pass, s serverAddr, what string) {
	cp := clientPortsOf(p, s.d.Section)
	ssl := s.srv.Flag("ssl", "no-ssl")
	switch {
	case !cp.Known || len(cp.Ports) == 0 && !cp.Ranges:
		s.report(p, lint.Warning, "server %q has %s %q: each connection goes to the port the client connected to", s.name(), what, s.addr.Text)
	case len(cp.TLS) > 0 && !ssl:
		s.report(p, lint.Warning, "server %q has %s %q: it receives the port the client connected to, including %s where TLS is terminated, so it gets clear HTTP on the TLS port (502); add the server's port",
			s.name(), what, s.addr.Text, strings.Join(cp.TLS, ", "))
	case cp.Ranges:
		s.report(p, lint.Info, "server %q has %s %q: it receives the port the client connected to, passed through from a bind port range", s.name(), what, s.addr.Text)
	default:
		s.report(p, lint.Info, "server %q has %s %q: it receives the port the client connected to (%s, from the bind lines); write it out if that is the server's port",
			s.name(), what, s.addr.Text, strings.Join(cp.Ports, ", "))
	}
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

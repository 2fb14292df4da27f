package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// AddressPrefixTrouble reports address prefixes that do not fit a server.
var AddressPrefixTrouble = &lint.Rule{
	ID:       "HG108",
	Name:     "address-prefix-trouble",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Server address prefix that does not fit: relative unix@ path, fd@/sockpair@, datagram or mismatched family",
		Why: `A "unix@" path without a leading '/' is resolved against HAProxy's working
directory (or its chroot), which is rarely where the application puts its
socket: connections fail with 503. "sockpair@" only works when a parent
process hands HAProxy a connected socket. HAProxy refuses to start, an error,
on "fd@" for a server, on datagram prefixes (udp@, uxdg@, dgram+...), on a
family that contradicts the literal (ipv4@ with an IPv6 address) and on an
unknown prefix, which it takes for part of a host name. "abns@" sockets exist
on Linux only.`,
		Bad:    "backend be_app\n    server s1 unix@run/app.sock",
		Good:   "backend be_app\n    server s1 unix@/run/app/app.sock",
		Fix:    "Use an absolute socket path, a stream prefix (ipv4@, ipv6@, unix@, abns@), and a family matching the literal.",
		Manual: "configuration.txt §11.1-11.3 (2.6) / §2.9.1-2.9.3 (3.2) Address formats; §4.2 \"server\"",
		Since:  "0.1.0",
	},
	Run: runAddressPrefixTrouble,
}

func runAddressPrefixTrouble(p *lint.Pass) error {
	for s := range serverAddrs(p) {
		a := s.addr
		if a.Prefix == "" || a.HostUnknown && strings.Contains(a.Prefix, "$") {
			continue
		}
		checkPrefix(p, s)
	}
	return nil
}

func checkPrefix(p *lint.Pass, s serverAddr) {
	a := s.addr
	info, ok := lint.LookupAddressPrefix(a.Prefix)
	base := lint.BasePrefix(a.Prefix)
	switch {
	case !ok || p.Options.HAProxyVersion.Less(info.Since):
		s.report(p, lint.Error, "server %q: %q is not an address prefix of HAProxy %s; it takes %q for a host name it cannot resolve: startup fails (or the server stays disabled)",
			s.name(), a.Prefix+"@", p.Options.HAProxyVersion, a.Text)
	case info.Datagram && !logBackend(s.d.Section):
		s.report(p, lint.Error, "server %q: %q is a datagram address, servers need a stream: HAProxy refuses the configuration", s.name(), a.Prefix+"@")
	case base == "fd":
		s.report(p, lint.Error, "server %q: a file descriptor (fd@) is not accepted for a server: HAProxy refuses the configuration", s.name())
	case base == "sockpair":
		s.report(p, 0, "server %q uses sockpair@: it only works when a parent process passes HAProxy a connected socket", s.name())
	case a.Family == lint.FamilyUnix && !a.HostUnknown && !strings.HasPrefix(a.Host, "/"):
		s.report(p, 0, "server %q unix socket path %q is relative: it is resolved against HAProxy's working directory or chroot", s.name(), a.Host)
	case familyMismatch(base, a):
		s.report(p, lint.Error, "server %q: %q does not match the literal %q: HAProxy cannot resolve it, startup fails (or the server stays disabled)", s.name(), a.Prefix+"@", a.Host)
	}
}

// familyMismatch reports an IPv4-only prefix on an IPv6 literal or the
// reverse.
func familyMismatch(base string, a lint.Address) bool {
	if a.HostUnknown {
		return false
	}
	switch base {
	case "ipv4", "tcp4", "udp4", "quic4":
		return a.Family == lint.FamilyIPv6 || a.UnbracketedIPv6()
	case "ipv6", "tcp6", "udp6", "quic6":
		return a.Family == lint.FamilyIPv4 && a.Host != "" && a.Host != "*"
	}
	return false
}

// logBackend reports whether the section is a "mode log" backend (HAProxy
// 3.0+), whose servers are syslog endpoints and may use datagrams.
func logBackend(sec *lint.Section) bool {
	mode, _ := sec.Mode()
	return mode == "log"
}

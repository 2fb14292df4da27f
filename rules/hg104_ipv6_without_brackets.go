package rules

import (
	"net/netip"

	"github.com/hapguard/hapguard/lint"
)

// IPv6WithoutBrackets reports IPv6 server literals written without brackets.
var IPv6WithoutBrackets = &lint.Rule{
	ID:       "HG104",
	Name:     "ipv6-without-brackets",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "IPv6 server address without brackets",
		Why: `HAProxy reads the text after the last colon of an address as the port. In
"2001:db8::1:80" that happens to give address 2001:db8::1 port 80, but
"::ffff:10.0.0.1" becomes address ::ffff port 10: connections go to the wrong
host and port and fail with 503. When what is left before the last colon is
no address ("2001:db8::10" leaves "2001:db8:"), HAProxy refuses to start:
that case is reported as an error, and so is a "port" that is not a number
("::ffff:10.0.0.1" leaves port "10.0.0.1"), which HAProxy refuses from 3.0 on
(2.6 and 2.8 read its leading digits).`,
		Bad:    "backend be_app\n    server s1 2001:db8::10:8080 check",
		Good:   "backend be_app\n    server s1 [2001:db8::10]:8080 check",
		Fix:    "Put IPv6 literals in brackets and the port after them: [2001:db8::10]:8080.",
		Manual: "configuration.txt §11 (2.6) / §2.9 (3.2) Address formats; §4.2 \"server\"",
		Since:  "0.1.0",
	},
	Run: runIPv6WithoutBrackets,
}

func runIPv6WithoutBrackets(p *lint.Pass) error {
	for s := range serverAddrs(p) {
		a := s.addr
		if a.HostUnknown || !a.UnbracketedIPv6() || !knownPrefix(a) {
			continue
		}
		if _, err := netip.ParseAddr(a.Host); err != nil {
			s.report(p, lint.Error, "server %q address %q is an IPv6 literal without brackets: HAProxy takes %q as the port and cannot resolve %q: startup fails (or the server stays disabled)",
				s.name(), a.Text, a.Port, a.Host)
			continue
		}
		if (a.Port == "" || !allDigitsOrEmpty(a.Port)) && p.Options.HAProxyVersion.AtLeast(3, 0) {
			s.report(p, lint.Error, "server %q address %q is an IPv6 literal without brackets: HAProxy %s reads port %q and refuses it (invalid character in port number); write [%s] or [%s]:PORT",
				s.name(), a.Text, p.Options.HAProxyVersion, a.Port, a.Text, a.Text)
			continue
		}
		s.report(p, 0, "server %q address %q is an IPv6 literal without brackets: HAProxy reads address %s port %q; write [%s]:%s if that is meant",
			s.name(), a.Text, a.Host, a.Port, a.Host, a.Port)
	}
	return nil
}

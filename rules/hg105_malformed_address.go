package rules

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// MalformedAddress reports server hosts that are neither a valid IP literal
// nor a valid host name.
var MalformedAddress = &lint.Rule{
	ID:       "HG105",
	Name:     "malformed-address",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Malformed IPv4/IPv6 literal or host name on a server",
		Why: `An address like "10.0.0.300", "10.0.0.1.5", "[2001:db8::g1]" or "app..example.com"
is no address and no resolvable name: HAProxy fails to resolve it at start-up
and refuses the configuration, so the reload fails; when resolution failures
are tolerated ("-dr", "init-addr none") the server stays disabled and its
share of requests ends in 503. A name with an empty label is refused even
then. An
IPv4 literal with fewer than four parts ("10.1.5") is accepted by the system
resolver as a shorthand for another address (10.1.0.5): a warning.`,
		Bad:            "backend be_app\n    server s1 app..example.com:8080 check",
		Good:           "backend be_app\n    server s1 app.example.com:8080 check",
		Fix:            "Correct the address; IPv6 literals go in brackets without a zone; names use letters, digits, '-', '_' and single dots.",
		Manual:         "configuration.txt §4.2 \"server\" (<address>), §11 (2.6) / §2.9 (3.2) Address formats",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runMalformedAddress,
}

func runMalformedAddress(p *lint.Pass) error {
	for s := range serverAddrs(p) {
		a := s.addr
		if a.HostUnknown || a.IsSocket() || a.UnbracketedIPv6() || !knownPrefix(a) {
			continue
		}
		switch {
		case a.Bracketed:
			checkBracketed(p, s)
		case a.Family == lint.FamilyHostname && looksNumeric(a.Host):
			checkDottedIPv4(p, s)
		case a.Family == lint.FamilyHostname:
			if why := hostnameFault(a.Host); why != "" {
				s.report(p, 0, "server %q host %q is not a valid host name (%s): HAProxy cannot resolve it, startup fails (or the server stays disabled)", s.name(), a.Host, why)
			}
		}
	}
	return nil
}

func checkBracketed(p *lint.Pass, s serverAddr) {
	ip, err := netip.ParseAddr(s.addr.Host)
	switch {
	case err != nil:
		s.report(p, 0, "server %q has %q in brackets, which is not an IPv6 address: HAProxy cannot resolve it, startup fails (or the server stays disabled)", s.name(), s.addr.Host)
	case ip.Zone() != "":
		s.report(p, 0, "server %q IPv6 address %q has a zone: HAProxy cannot resolve it, startup fails (or the server stays disabled)", s.name(), s.addr.Host)
	}
}

func checkDottedIPv4(p *lint.Pass, s serverAddr) {
	host := s.addr.Host
	parts := strings.Split(host, ".")
	for _, part := range parts {
		if n, err := strconv.Atoi(part); err != nil || n > 255 {
			s.report(p, 0, "server %q address %q is not an IPv4 address (part %q): HAProxy cannot resolve it, startup fails (or the server stays disabled)", s.name(), host, part)
			return
		}
	}
	if len(parts) > 4 {
		s.report(p, 0, "server %q address %q has %d parts, not an IPv4 address: HAProxy cannot resolve it, startup fails (or the server stays disabled)", s.name(), host, len(parts))
	} else if len(parts) < 4 {
		s.report(p, lint.Warning, "server %q address %q has only %d parts: the resolver reads it as a shorthand for another IPv4 address", s.name(), host, len(parts))
	}
}

// looksNumeric reports whether host has only digits and dots, so it was
// meant as an IPv4 literal.
func looksNumeric(host string) bool {
	return host != "" && strings.Trim(host, "0123456789.") == ""
}

// hostnameFault explains why name is not a usable DNS name, or returns "".
func hostnameFault(name string) string {
	name = strings.TrimSuffix(name, ".")
	if len(name) > 253 {
		return "longer than 253 characters"
	}
	for _, label := range strings.Split(name, ".") {
		if why := labelFault(label); why != "" {
			return why
		}
	}
	return ""
}

func labelFault(label string) string {
	switch {
	case label == "":
		return "empty label"
	case len(label) > 63:
		return "label longer than 63 characters"
	case label[0] == '-' || label[len(label)-1] == '-':
		return "label starts or ends with '-'"
	}
	for i := 0; i < len(label); i++ {
		c := label[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return fmt.Sprintf("character %q", rune(c))
		}
	}
	return ""
}

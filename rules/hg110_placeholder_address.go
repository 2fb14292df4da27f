package rules

import "github.com/hapguard/hapguard/lint"

// PlaceholderAddress reports server addresses that are template markers
// nobody filled in.
var PlaceholderAddress = &lint.Rule{
	ID:       "HG110",
	Name:     "placeholder-address",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Server address that is an unfilled placeholder",
		Why: `Example configurations and templates mark where an address belongs:
"BOOTSTRAP_IP:6443", "<pg-node1-ip>", "ipaddr_here", "x.x.x.x", "{{ ip }}".
Deployed as is, HAProxy tries to resolve the marker as a host name, fails,
and refuses to start ("could not resolve address"); with "init-addr none"
it starts, but the server never gets an address and every request it should
take fails with 503. The marker is reported once, as what it is: the other
address, port and resolution rules stay silent on that line, since the real
address is not known. A placeholder is an upper-case word joined by
underscores, a word in angle brackets or double braces, an IPv4 address with
x for digits, or a name ending in "_here", or holding "changeme",
"replace_me", "placeholder"; environment variables ("${BACKEND_IP}") are
HAProxy's own substitution and are not placeholders.`,
		Bad:    "backend be_api\n    server bootstrap BOOTSTRAP_IP:6443 check",
		Good:   "backend be_api\n    server bootstrap 10.0.0.5:6443 check",
		Fix:    "Put the server's real address (or a resolvable name, or an environment variable HAProxy expands) in place of the marker.",
		Manual: "configuration.txt §4.2 \"server\", §5.2 \"init-addr\"",
		Since:  "0.1.0",
	},
	Run: runPlaceholderAddress,
}

func runPlaceholderAddress(p *lint.Pass) error {
	for s := range serverAddrs(p) {
		if s.addr.Placeholder {
			s.report(p, lint.Error, "server %q address %q looks like an unfilled placeholder: HAProxy cannot resolve it and refuses to start (or, with init-addr none, the server never gets an address); put the server's address here",
				s.name(), s.addr.Host)
		}
	}
	return nil
}

package rules

import "github.com/hapguard/hapguard/lint"

// WildcardServer reports servers on the "any" address.
var WildcardServer = &lint.Rule{
	ID:       "HG107",
	Name:     "wildcard-server",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Server on a wildcard address (0.0.0.0, *, ::, or none)",
		Why: `A server address of 0.0.0.0, "*", "::" or an empty host (":8080") tells HAProxy
to connect to the address the client connected to. That is meant for
transparent proxying, where traffic is intercepted on its way elsewhere; in an
ordinary setup it sends requests back to HAProxy itself or nowhere, and
clients get 503 or 502. An environment variable that is unset also expands to
an empty host.`,
		Bad:    "backend be_app\n    server s1 0.0.0.0:8080 check",
		Good:   "backend be_app\n    server s1 10.0.0.1:8080 check",
		Fix:    "Write the server's real address; keep 0.0.0.0 only for a transparent proxy, and say so in a suppression comment.",
		Manual: "configuration.txt §4.2 \"server\" (<address> \"0.0.0.0\" or \"*\" has a special meaning)",
		Since:  "0.1.0",
	},
	Run: runWildcardServer,
}

func runWildcardServer(p *lint.Pass) error {
	for s := range serverAddrs(p) {
		if s.addr.IsWildcard() && knownPrefix(s.addr) {
			s.report(p, 0, "server %q has the wildcard address %q: HAProxy connects to the client's own destination address (transparent proxying only)",
				s.name(), s.addr.Text)
		}
	}
	return nil
}

package rules

import "github.com/hapguard/hapguard/lint"

// HostnameWithoutResolvers reports servers addressed by a host name that
// HAProxy resolves only once, at startup.
var HostnameWithoutResolvers = &lint.Rule{
	ID:       "HG201",
	Name:     "hostname-without-resolvers",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Server addressed by a host name without resolvers",
		Why: `Without "resolvers", HAProxy resolves a server's host name once, while it
parses the configuration, and keeps that address for the life of the
process. When the name later moves (a cloud load balancer, a container or a
database fail-over gets a new IP), HAProxy keeps connecting to the old
address: connections are refused or time out, and clients get 503 (no server
left) or 504 until the next reload. "localhost" names, IP literals, sockets
and addresses built from unknown variables are not reported; SRV labels cannot
work without resolvers at all (HG202).`,
		Bad: "backend be_api\n    server api1 api.internal.example:8080 check",
		Good: "resolvers dns\n    nameserver ns1 10.0.0.53:53\n\n" +
			"backend be_api\n    server api1 api.internal.example:8080 check resolvers dns",
		Fix:    "Declare a resolvers section and add \"resolvers NAME\" to the server (or to default-server); HAProxy 2.6+ also offers the implicit \"resolvers default\" built from /etc/resolv.conf.",
		Manual: "configuration.txt §5.3 \"Server IP address resolution using DNS\", §5.2 \"resolvers\"",
		Since:  "0.1.0",
	},
	Run: runHostnameWithoutResolvers,
}

func runHostnameWithoutResolvers(p *lint.Pass) error {
	for _, n := range namedServers(p) {
		if n.SRV || n.Localhost() {
			continue
		}
		if _, ok := n.View.Source("resolvers"); ok {
			continue
		}
		if ia := effectiveInitAddr(n.View); !ia.Has("libc") && !ia.HasIP() {
			continue // never resolved at all: HG206
		}
		sl := n.Line()
		p.ReportWord(sl.Directive, sl.AddrIndex,
			"server %q is addressed by host name %q but has no \"resolvers\": HAProxy resolves it once at startup and keeps a stale address when it changes",
			sl.Name(), n.Host)
	}
	return nil
}

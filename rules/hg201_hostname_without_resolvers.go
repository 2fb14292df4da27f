package rules

import (
	"fmt"

	"github.com/hapguard/hapguard/lint"
)

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
left) or 504 until the next reload. With the default "init-addr last,libc",
a name that does not resolve at startup also stops HAProxy from starting;
"resolvers" fixes both, since init-addr then defaults to "last,libc,none".
The servers of one backend or listen section are reported together, once,
at the first of them: one "default-server resolvers NAME" line fixes them
all. "localhost" names, IP literals, sockets, placeholders (HG110) and
addresses built from unknown variables are not reported; SRV labels cannot
work without resolvers at all (HG202).`,
		Bad: "backend be_api\n    server api1 api.internal.example:8080 check",
		Good: "resolvers dns\n    nameserver ns1 10.0.0.53:53\n\n" +
			"backend be_api\n    server api1 api.internal.example:8080 check resolvers dns",
		Fix:    "Add \"resolvers NAME\" to the servers (or to a default-server line above them): a resolvers section of your own, or HAProxy's implicit \"resolvers default\" built from /etc/resolv.conf (2.6+).",
		Manual: "configuration.txt §5.3 \"Server IP address resolution using DNS\", §5.2 \"resolvers\"",
		Since:  "0.1.0",
	},
	Run: runHostnameWithoutResolvers,
}

func runHostnameWithoutResolvers(p *lint.Pass) error {
	var group []namedServer
	flush := func() {
		if len(group) > 0 {
			reportResolvedOnce(p, group)
		}
		group = group[:0]
	}
	for _, n := range namedServers(p) {
		if !resolvedOnceAtStartup(n) {
			continue
		}
		if len(group) > 0 && group[0].Section != n.Section {
			flush()
		}
		group = append(group, n)
	}
	flush()
	return nil
}

// reportResolvedOnce reports, once per section, the servers whose names are
// resolved only at startup: one fix (a resolvers line on default-server)
// covers them all.
func reportResolvedOnce(p *lint.Pass, group []namedServer) {
	first := group[0].Line()
	blocks := ""
	for _, n := range group {
		if !effectiveInitAddr(n.View).CanStartUnresolved() {
			blocks = ", HAProxy refuses to start if it does not resolve then"
			if len(group) > 1 {
				blocks = ", HAProxy refuses to start if one of them does not resolve then"
			}
			break
		}
	}
	fix := resolversFix(p.Config)
	if len(group) == 1 {
		p.ReportWord(first.Directive, first.AddrIndex,
			"server %q is addressed by host name %q without \"resolvers\": it is resolved only at startup%s, and a later address change is never seen (traffic keeps going to the old address: 503/504 until a reload); add \"resolvers %s\" to it",
			first.Name(), group[0].Host, blocks, fix)
		return
	}
	names := make([]string, len(group))
	for i, n := range group {
		names[i] = fmt.Sprintf("%q", n.Line().Name())
	}
	s := group[0].Section
	p.ReportWord(first.Directive, first.AddrIndex,
		"%s %q: %d servers (%s) are addressed by host names without \"resolvers\": they are resolved only at startup%s, and a later address change is never seen (traffic keeps going to the old addresses: 503/504 until a reload); add \"default-server resolvers %s\"",
		s.Kind, s.Name, len(group), nameList(names), blocks, fix)
}

// resolversFix names the resolvers section to suggest: the configuration's
// own when it declares one, else HAProxy's implicit "default" (built from
// /etc/resolv.conf).
func resolversFix(cfg *lint.Config) string {
	for _, s := range cfg.SectionsOf("resolvers") {
		if s.Name != "" && hasNameservers(s) {
			return s.Name
		}
	}
	return "default"
}

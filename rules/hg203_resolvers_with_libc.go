package rules

import "github.com/hapguard/hapguard/lint"

// ResolversWithLibc reports servers that have resolvers and still list
// "libc" in an explicit init-addr.
var ResolversWithLibc = &lint.Rule{
	ID:       "HG203",
	Name:     "resolvers-with-libc",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "Server with resolvers also resolved through libc at startup",
		Why: `A server with "resolvers" is resolved at run time by HAProxy's own DNS client.
Listing "libc" in its init-addr adds a blocking getaddrinfo() per server while
the configuration loads: with many servers or a slow /etc/resolv.conf
resolver, starts and reloads stall, and libc may answer differently from the
nameservers of the resolvers section. Without "none" after it, a name that
does not resolve also stops HAProxy from starting (HG202).`,
		Bad: "resolvers dns\n    nameserver ns1 10.0.0.53:53\n\n" +
			"backend be_api\n    server api1 api.internal.example:8080 resolvers dns init-addr libc,none",
		Good: "resolvers dns\n    nameserver ns1 10.0.0.53:53\n\n" +
			"backend be_api\n    server api1 api.internal.example:8080 resolvers dns init-addr last,none",
		Fix:    "Use \"init-addr last,none\" (with a server-state-file) and let the resolvers section find the address within its first \"timeout resolve\".",
		Manual: "configuration.txt §5.2 \"init-addr\", \"resolvers\"; §5.3",
		Since:  "0.1.0",
	},
	Run: runResolversWithLibc,
}

func runResolversWithLibc(p *lint.Pass) error {
	reported := map[*lint.Directive]bool{}
	for _, n := range namedServers(p) {
		if n.Localhost() {
			continue
		}
		res, ok := n.View.Source("resolvers")
		ia := effectiveInitAddr(n.View)
		if !ok || !ia.Explicit || !ia.Has("libc") || reported[ia.Source.Directive()] {
			continue
		}
		reported[ia.Source.Directive()] = true
		p.ReportWord(ia.Source.Directive(), ia.Source.Option.Index,
			"init-addr %s resolves %q through libc at startup although it uses resolvers %q; prefer init-addr last,none",
			ia, n.Host, res.Option.Value)
	}
	return nil
}

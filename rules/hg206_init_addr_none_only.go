package rules

import "github.com/hapguard/hapguard/lint"

// InitAddrNoneOnly reports host-name servers that are never resolved: an
// init-addr list without a resolving method, and no resolvers.
var InitAddrNoneOnly = &lint.Rule{
	ID:       "HG206",
	Name:     "init-addr-none-only",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Server name never resolved: init-addr none without resolvers",
		Why: `"init-addr none" lets a server start without an address, in maintenance,
waiting for a resolvers section to find one at run time. Without "libc" or an
IP in the list and without "resolvers", nothing ever resolves the name: the
server stays down until someone sets its address through the runtime API. If
it is the only server, every request gets 503.`,
		Bad:    "backend be_api\n    server api1 api.internal.example:8080 check init-addr none",
		Good:   "backend be_api\n    server api1 api.internal.example:8080 check init-addr last,libc,none",
		Fix:    "Add \"libc\" before \"none\" (init-addr last,libc,none), or add \"resolvers NAME\" to the server.",
		Manual: "configuration.txt §5.2 \"init-addr\", \"resolvers\"; §5.3",
		Since:  "0.1.0",
	},
	Run: runInitAddrNoneOnly,
}

func runInitAddrNoneOnly(p *lint.Pass) error {
	for _, n := range namedServers(p) {
		if _, ok := n.View.Source("resolvers"); ok {
			continue
		}
		ia := effectiveInitAddr(n.View)
		if !ia.Has("none") || ia.Has("libc") || ia.HasIP() {
			continue
		}
		sl := n.Line()
		unless := ""
		if ia.Has("last") {
			unless = " unless the server-state file holds its last address"
		}
		p.ReportWord(sl.Directive, sl.AddrIndex,
			"server %q starts without an address (init-addr %s) and has no \"resolvers\": nothing ever resolves %q, so it stays in maintenance%s",
			sl.Name(), ia, n.Host, unless)
	}
	return nil
}

package rules

import (
	"fmt"

	"github.com/hapguard/hapguard/lint"
)

// UnresolvableNameBlocksStart reports host-name servers whose init-addr
// list makes a name that does not resolve stop HAProxy from starting.
var UnresolvableNameBlocksStart = &lint.Rule{
	ID:       "HG202",
	Name:     "unresolvable-name-blocks-start",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "A host name that does not resolve stops HAProxy from starting",
		Why: `HAProxy resolves server names while it parses the configuration, trying each
"init-addr" method in turn; the default is "last,libc" ("last,libc,none" when
the server has resolvers). When every method fails, HAProxy refuses to start
("could not resolve address"), and a reload fails the same way: one name
missing from DNS, or a DNS outage at the wrong moment, takes down every
frontend, or leaves an old configuration running. With "none" (or a fixed IP)
at the end of the list, HAProxy starts and only that server waits, down,
for its name to resolve. An SRV label ("_http._tcp.svc") never resolves at
startup (only resolvers read SRV records): there a list without "none" is a
certain failure, reported as an error. A server without resolvers is left to
HG201, which reports this start-up failure together with the stale address
(one line, one finding, one fix).`,
		Bad:    "backend be_api\n    server api1 api.internal.example:8080 check resolvers dns init-addr last,libc",
		Good:   "backend be_api\n    server api1 api.internal.example:8080 check resolvers dns init-addr last,libc,none",
		Fix:    "End the list with \"none\": \"init-addr last,libc,none\" (on default-server to cover every server), or add \"resolvers NAME\", which implies it when init-addr is not set.",
		Manual: "configuration.txt §5.2 \"init-addr\", §5.3.1",
		Since:  "0.1.0",
	},
	Run: runUnresolvableNameBlocksStart,
}

func runUnresolvableNameBlocksStart(p *lint.Pass) error {
	for _, n := range namedServers(p) {
		if n.Localhost() || resolvedOnceAtStartup(n) {
			continue // HG201 reports both faults of a server without resolvers
		}
		ia := effectiveInitAddr(n.View)
		if ia.CanStartUnresolved() {
			continue
		}
		sl := n.Line()
		if n.SRV {
			reportSRVAtStartup(p, n, ia)
			continue
		}
		p.ReportWord(sl.Directive, sl.AddrIndex,
			"server %q: if %q does not resolve, HAProxy refuses to start (%s); end the list with \"none\": init-addr %s,none",
			sl.Name(), n.Host, initAddrOrigin(ia), ia)
	}
	return nil
}

// reportSRVAtStartup reports an SRV label whose init-addr list cannot
// start: only resolvers read SRV records, at run time, so a fresh start
// certainly fails ("no method found to resolve address"); an error, not a
// warning.
func reportSRVAtStartup(p *lint.Pass, n namedServer, ia initAddr) {
	sl := n.Line()
	fix := "add \"resolvers NAME\" and \"init-addr none\""
	if _, ok := n.View.Source("resolvers"); ok {
		fix = "end the list with \"none\""
	}
	p.Report(lint.Diagnostic{
		Pos: sl.Directive.PosOf(sl.AddrIndex), End: sl.Directive.EndOf(sl.AddrIndex), Severity: lint.Error,
		Message: fmt.Sprintf("server %q: SRV label %q is never resolved at startup and HAProxy refuses to start (%s); %s",
			sl.Name(), n.Host, initAddrOrigin(ia), fix),
	})
}

// initAddrOrigin says where the init-addr list of a server comes from.
func initAddrOrigin(ia initAddr) string {
	if !ia.Explicit {
		return fmt.Sprintf("init-addr defaults to %s", ia)
	}
	if ia.Source.Line.Directive.Is("default-server") {
		return fmt.Sprintf("init-addr %s from default-server at %s", ia, ia.Source.Directive().Pos())
	}
	return "init-addr " + ia.String()
}

package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// ResolversUndefined reports servers whose resolvers section does not exist
// or has no nameserver.
var ResolversUndefined = &lint.Rule{
	ID:       "HG204",
	Name:     "resolvers-undefined",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Server uses a resolvers section that is missing or has no nameserver",
		Why: `"resolvers NAME" on a server or default-server must name a resolvers section:
HAProxy refuses to start otherwise ("unable to find required resolvers").
HAProxy builds an implicit "default" section from /etc/resolv.conf, so
"resolvers default" needs no declaration. A section without "nameserver"
or "parse-resolv-conf" is accepted with a warning but never resolves anything
(reported as a warning): servers keep the address libc gave them at startup,
or, with "init-addr none", never get one and stay down (503). An SRV label
without any resolvers is HG202's concern.`,
		Bad:            "backend be_api\n    server api1 api.internal.example:8080 resolvers dns",
		Good:           "resolvers dns\n    nameserver ns1 10.0.0.53:53\n\nbackend be_api\n    server api1 api.internal.example:8080 resolvers dns",
		Fix:            "Declare the resolvers section with at least one \"nameserver\" (or \"parse-resolv-conf\"), or fix the name.",
		Manual:         "configuration.txt §5.3.2 \"The resolvers section\", §5.2 \"resolvers\", \"init-addr\"",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runResolversUndefined,
}

func runResolversUndefined(p *lint.Pass) error {
	reported := map[*lint.Directive]bool{}
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		for _, v := range s.EffectiveServers() {
			if res, ok := v.Source("resolvers"); ok && !reported[res.Directive()] {
				reported[res.Directive()] = checkResolversRef(p, res)
			}
		}
	}
	return nil
}

// checkResolversRef reports a "resolvers NAME" option that names a missing
// or empty section; it returns whether it reported.
func checkResolversRef(p *lint.Pass, res lint.OptionSource) bool {
	d, name := res.Directive(), res.Option.Value
	sec := resolversSection(p.Config, name)
	switch {
	case strings.Contains(name, "$"):
		return false // a variable: the name is not known
	case sec == nil && implicitDefaultResolvers(name):
		return false
	case sec == nil:
		p.ReportWord(d, res.Option.Index+1,
			"resolvers %q is not defined: HAProxy refuses to start (\"unable to find required resolvers\")", name)
	case !hasNameservers(sec):
		p.Report(lint.Diagnostic{
			Pos: d.PosOf(res.Option.Index + 1), End: d.EndOf(res.Option.Index + 1), Severity: lint.Warning,
			Message: "resolvers \"" + name + "\" (" + sec.Pos().String() + ") has no nameserver nor parse-resolv-conf: it never resolves anything",
		})
	default:
		return false
	}
	return true
}

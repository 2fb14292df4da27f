package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// checkOnlyOptions are server options that only matter to health checks.
var checkOnlyOptions = map[string]bool{
	"inter": true, "fastinter": true, "downinter": true, "fall": true, "rise": true,
	"port": true, "addr": true, "check-ssl": true, "check-sni": true, "check-send-proxy": true,
	"check-alpn": true, "check-proto": true,
}

// CheckOptionIgnored reports check settings on servers that are not
// checked.
var CheckOptionIgnored = &lint.Rule{
	ID:       "HG302",
	Name:     "check-option-without-check",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Check setting on a server without check",
		Why: `"inter", "fall", "rise", "port", "addr" and the other check-* settings only
configure health checks; on a server without "check" HAProxy ignores them
without a word. Whoever wrote "fall 3 rise 2 port 8081" believed the server
was watched; it is not, so when it dies it keeps receiving requests that end
in 503/504. Settings given on a default-server line are not reported (they
are meant for the servers that enable check), nor are servers running an
agent-check, which uses "addr", "port" and "inter" too.`,
		Bad:    "backend be_app\n    server s1 10.0.0.1:8080 inter 2s fall 3 rise 2",
		Good:   "backend be_app\n    server s1 10.0.0.1:8080 check inter 2s fall 3 rise 2",
		Fix:    "Add \"check\" to the server, or remove the settings if the server is deliberately unchecked.",
		Manual: "configuration.txt §5.2 \"check\", \"inter\", \"fall\", \"rise\", \"port\", \"addr\"",
		Since:  "0.1.0",
	},
	Run: runCheckOptionIgnored,
}

func runCheckOptionIgnored(p *lint.Pass) error {
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		for _, v := range s.EffectiveServers() {
			if v.Checked() || v.Flag("agent-check", "no-agent-check") {
				continue
			}
			for _, o := range v.Line.Options() {
				if checkOnlyOptions[o.Name] {
					p.ReportWord(v.Line.Directive, o.Index,
						"%q is ignored: server %q has no \"check\", so it is not health-checked at all",
						o.Name, v.Line.Name())
				}
			}
		}
	}
	return nil
}

package rules

import (
	"regexp"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// TunnelTimeoutMissing reports HTTP backends that likely carry WebSocket
// or other upgraded connections without "timeout tunnel".
var TunnelTimeoutMissing = &lint.Rule{
	ID:       "HG407",
	Name:     "tunnel-timeout-missing",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "WebSocket or tunnel traffic likely, but no timeout tunnel",
		Why: `Once an HTTP connection is upgraded (WebSocket, HTTP CONNECT), it becomes a
tunnel and, without "timeout tunnel", the ordinary client and server timeouts
apply to its idle periods: every WebSocket that stays quiet for 30s is cut,
clients reconnect in waves, and in-flight messages are lost. The rule looks
for signs of upgraded traffic: a backend name with "ws"/"websocket", or an
Upgrade header or "websocket" in the backend or in the conditions of the
frontend rules routing to it.`,
		Bad:    "frontend fe_main\n    acl is_ws hdr(Upgrade) -i WebSocket\n    use_backend be_ws if is_ws\nbackend be_ws\n    server s1 10.0.0.1:8080 check",
		Good:   "frontend fe_main\n    acl is_ws hdr(Upgrade) -i WebSocket\n    use_backend be_ws if is_ws\nbackend be_ws\n    timeout tunnel 1h\n    server s1 10.0.0.1:8080 check",
		Fix:    "Set \"timeout tunnel\" (e.g. 1h) in the backend or its defaults section.",
		Manual: "configuration.txt §4.2 \"timeout tunnel\"",
		Since:  "0.1.0",
	},
	Run: runTunnelTimeoutMissing,
}

// upgradeSign matches words that point at upgraded connections.
var upgradeSign = regexp.MustCompile(`(?i)websocket|socket\.io|\(upgrade[,)]|^upgrade$`)

func runTunnelTimeoutMissing(p *lint.Pass) error {
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		if mode, _ := s.Mode(); mode != "http" || len(s.Servers()) == 0 {
			continue
		}
		if _, _, set := effectiveTimeout(p, s, "tunnel"); set {
			continue
		}
		if why := upgradeEvidence(p.Config, s); why != "" {
			p.ReportWord(s.Header, 0, "%s %q likely carries WebSocket/upgraded connections (%s) but has no \"timeout tunnel\": idle ones are cut after timeout server/client",
				s.Kind, s.Name, why)
		}
	}
	return nil
}

// upgradeEvidence returns where upgraded traffic shows, or "".
func upgradeEvidence(cfg *lint.Config, s *lint.Section) string {
	parts := strings.FieldsFunc(strings.ToLower(s.Name), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	for i, part := range parts {
		negated := i > 0 && (parts[i-1] == "no" || parts[i-1] == "non")
		if !negated && (part == "ws" || part == "wss" || part == "websocket" || part == "websockets") {
			return "its name"
		}
	}
	for _, d := range s.Directives {
		if hasUpgradeSign(d.Words) {
			return "line " + d.Pos.String()
		}
	}
	for _, f := range cfg.SectionsOf("frontend", "listen") {
		if d := routeWithUpgradeSign(f, s.Name); d != nil {
			return "routed by " + d.Pos.String()
		}
	}
	return ""
}

// routeWithUpgradeSign returns a use_backend line of f that sends upgraded
// traffic to backend name: its condition, or an ACL it names, shows signs.
func routeWithUpgradeSign(f *lint.Section, name string) *lint.Directive {
	for _, d := range f.Find("use_backend") {
		if len(d.Words) < 4 || d.Arg(1).Text != name {
			continue
		}
		cond := d.Words[3:]
		if hasUpgradeSign(cond) {
			return d
		}
		for _, w := range cond {
			for _, acl := range f.Find("acl", strings.TrimPrefix(w.Text, "!")) {
				if hasUpgradeSign(acl.Words[2:]) {
					return d
				}
			}
		}
	}
	return nil
}

func hasUpgradeSign(words []lint.Word) bool {
	for _, w := range words {
		if upgradeSign.MatchString(w.Text) {
			return true
		}
	}
	return false
}

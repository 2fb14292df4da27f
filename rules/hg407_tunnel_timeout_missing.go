package rules

import (
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
clients reconnect in waves, and in-flight messages are lost. There is no
status code to see: HAProxy closes the tunnel and logs it with the
termination state sD or cD, and the reconnect storm then meets 503s when
maxconn or the servers' limits are hit. The rule looks
for signs of upgraded traffic: a backend name with "ws"/"websocket", or an
Upgrade header or "websocket" in the backend or in the conditions of the
frontend rules routing to it.
"timeout tunnel 0" is reported wherever it is written, whatever the
traffic: it is not "no limit". HAProxy stores 0 as "not set"
(src/proxy.c, proxy_parse_timeout) and applies a tunnel timeout only when
one is set (src/stream.c), so tunnels keep the client and server timeouts,
and a 0 in a backend cancels the tunnel timeout of its defaults section.
Measured on 2.6.12 and 3.4.0: with "timeout tunnel 0" an idle mode tcp
tunnel is cut after timeout client/server, as without any tunnel timeout.
The manual (§4.2 "timeout tunnel", 2.6 to 3.4) says nothing of 0; for the
other timeouts an unset value means no limit.`,
		Bad:    "frontend fe_main\n    acl is_ws hdr(Upgrade) -i WebSocket\n    use_backend be_ws if is_ws\nbackend be_ws\n    server s1 10.0.0.1:8080 check",
		Good:   "frontend fe_main\n    acl is_ws hdr(Upgrade) -i WebSocket\n    use_backend be_ws if is_ws\nbackend be_ws\n    timeout tunnel 1h\n    server s1 10.0.0.1:8080 check",
		Fix:    "Set \"timeout tunnel\" (e.g. 1h) in the backend or its defaults section.",
		Manual: "configuration.txt §4.2 \"timeout tunnel\"",
		Since:  "0.1.0",
	},
	Run: runTunnelTimeoutMissing,
}

func runTunnelTimeoutMissing(p *lint.Pass) error {
	reportZeroTunnelTimeouts(p)
	rt := analyzeRouting(p.Config, p.Options)
	signs := upgradeSigns()
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		if mode, _ := s.Mode(); mode != "http" || len(s.EffectiveServers()) == 0 {
			continue
		}
		if d, _, set := effectiveTimeout(p, s, "tunnel"); set || d != nil {
			continue // a "timeout tunnel 0" line is reported where it is written
		}
		if why := trafficEvidence(rt, s, signs); why != "" {
			p.ReportWord(s.Header, 0, "%s %q likely carries WebSocket/upgraded connections (%s) but has no \"timeout tunnel\": idle ones are cut after timeout server/client",
				s.Kind, s.Name, why)
		}
	}
	return nil
}

// reportZeroTunnelTimeouts reports every "timeout tunnel 0": HAProxy
// stores 0 as "not set" (src/proxy.c, proxy_parse_timeout: MS_TO_TICKS(0) is
// TICK_ETERNITY) and applies a tunnel timeout only when one is set
// (src/stream.c), so tunnels keep timeout client and timeout server. In a
// backend it also cancels a tunnel timeout inherited from defaults.
func reportZeroTunnelTimeouts(p *lint.Pass) {
	for tl := range timeoutLines(p.Config) {
		if tl.Name != "tunnel" || !isProxySettings(tl.Directive.Section) {
			continue
		}
		if v, err := timeoutValue(p, tl.Directive); err == nil && v.Millis == 0 {
			p.ReportWord(tl.Directive, valueIndex, "timeout tunnel 0 does not mean unlimited: 0 means not set, so tunnels (WebSocket, CONNECT, mode tcp) keep being cut after timeout client/timeout server")
		}
	}
}

// upgradeSigns are the signs of upgraded (WebSocket, CONNECT) traffic, for
// one rule run.
func upgradeSigns() trafficSigns {
	return trafficSigns{
		nameParts: []string{"ws", "wss", "websocket", "websockets"},
		word:      isUpgradeSign,
		acls:      map[aclSignKey]bool{},
		from:      map[*lint.Section]bool{},
	}
}

// isUpgradeSign reports whether a word points at upgraded connections:
// "websocket", "socket.io", an Upgrade header fetch, or the word "upgrade".
func isUpgradeSign(text string) bool {
	// Every sign holds a 'g' ("upgrade") or a 'k' ("websocket",
	// "socket.io"): most words have neither and need no lowering.
	if len(text) < len("upgrade") || !strings.ContainsAny(text, "gGkK") {
		return false
	}
	t := strings.ToLower(text)
	return t == "upgrade" || strings.Contains(t, "websocket") || strings.Contains(t, "socket.io") ||
		strings.Contains(t, "(upgrade)") || strings.Contains(t, "(upgrade,")
}

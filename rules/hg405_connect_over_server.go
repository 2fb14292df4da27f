package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// ConnectOverServer reports a connect timeout longer than the server
// timeout.
var ConnectOverServer = &lint.Rule{
	ID:       "HG405",
	Name:     "connect-timeout-over-server-timeout",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "timeout connect larger than timeout server",
		Why: `Establishing a TCP connection takes a round trip; answering takes the server's
work. A connect timeout longer than the server timeout usually means the two
values were swapped or the connect timeout was raised to absorb queueing.
Either way a dead or unreachable server is detected late: each attempt waits
the whole connect timeout (times the retries) before the request fails over
or ends in 503, while requests pile up. "timeout queue" bounds queueing
without this cost.`,
		Bad:    "defaults\n    mode http\n    timeout connect 60s\n    timeout client 30s\n    timeout server 30s\nbackend be_app\n    server s1 10.0.0.1:8080",
		Good:   "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout queue 30s\nbackend be_app\n    server s1 10.0.0.1:8080",
		Fix:    "Keep timeout connect short (a few seconds) and below timeout server; use timeout queue for queueing.",
		Manual: "configuration.txt §4.2 \"timeout connect\", \"timeout server\", \"timeout queue\"",
		Since:  "0.1.0",
	},
	Run: runConnectOverServer,
}

func runConnectOverServer(p *lint.Pass) error {
	seen := map[*lint.Directive]bool{}
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		connect, c, okC := effectiveTimeout(p, s, "connect")
		server, v, okS := effectiveTimeout(p, s, "server")
		if !okC || !okS || c.Millis <= v.Millis {
			continue
		}
		if _, err := timeoutValue(p, connect); err != nil {
			continue
		}
		if _, err := timeoutValue(p, server); err != nil {
			continue
		}
		// Report where the pair meets: the proxy's own line if it has one.
		at := connect
		if server.Section == s && connect.Section != s {
			at = server
		}
		if seen[at] {
			continue
		}
		seen[at] = true
		p.ReportWord(at, valueIndex, "timeout connect %s is longer than timeout server %s (in effect for %s %q): swapped values, or a dead server detected late",
			c, v, s.Kind, s.Name)
	}
	return nil
}

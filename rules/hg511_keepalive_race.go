package rules

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// KeepAliveRace reports HTTP backends that reuse idle server connections
// without replaying a request that meets a connection the server closed.
var KeepAliveRace = &lint.Rule{
	ID:       "HG511",
	Name:     "keepalive-race-without-retry",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "HTTP backend reusing idle server connections without retry-on empty-response",
		Why: `HAProxy keeps server connections open and reuses them ("http-reuse safe" is
the default from 2.0 on). When a server closes an idle connection (its own
keep-alive timeout: 5s for Node.js and Apache, 2s for gunicorn) at the
moment HAProxy sends a request on it, the request meets a closed
connection. With the default "retry-on conn-failure" HAProxy does not
replay it: it closes the client connection without an answer so that the
client retries (src/http_ana.c, abort_keep_alive), and logs nothing for that
request (measured on 2.6.12 and 3.4.0). Browsers retry idempotent HTTP/1.1
requests silently; API clients, gRPC/HTTP/2 streams and load balancers in
front see a failed request, the latter answering 502. With "retry-on
conn-failure empty-response" HAProxy replays the request on a new
connection itself and the client gets its answer (measured on both).
Severity: info where the reuse is "safe" (only second and later requests of
a client connection ride reused connections, the case above); warning where
"http-reuse aggressive" or "always" also sends first requests that way,
which no client retries. The finding is given once per section that should
carry the retry-on line (the defaults section most backends inherit from).`,
		Bad: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    mode http
    http-reuse aggressive
    server app1 10.0.0.1:8080 check`,
		Good: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    mode http
    http-reuse aggressive
    retry-on conn-failure empty-response
    server app1 10.0.0.1:8080 check`,
		Fix: `Add "retry-on conn-failure empty-response" to the defaults section or backend
(keep "retries" at 1 or more); alternatively make HAProxy's idle timeout
shorter than the servers' ("timeout http-keep-alive", "pool-purge-delay").`,
		Manual: "configuration.txt §4.2 \"http-reuse\", \"retry-on\" (\"empty-response\": \"the server connection was closed after part of the request was sent, and nothing was received\"), §5.2 \"pool-purge-delay\"",
		Since:  "0.2.0",
	},
	Run: runKeepAliveRace,
}

// raceGroup gathers the backends that one section should protect.
type raceGroup struct {
	at       *lint.Section
	severity lint.Severity
	names    []string
	mode     string
}

func runKeepAliveRace(p *lint.Pass) error {
	var groups []*raceGroup
	index := map[raceKey]*raceGroup{}
	for _, s := range analyzeRouting(p.Config, p.Options).reachedBackends {
		if mode, _ := s.Mode(); mode != "http" || len(s.EffectiveServers()) == 0 || !keepsServerConnections(s) || retriesEmptyResponse(s) {
			continue
		}
		reuse, _ := reuseMode(s)
		key := raceKey{raceSection(s), lint.Info}
		if reusesFirstRequests(reuse) {
			key.severity = lint.Warning
		}
		g := index[key]
		if g == nil {
			g = &raceGroup{at: key.at, severity: key.severity, mode: reuse}
			index[key] = g
			groups = append(groups, g)
		}
		g.names = append(g.names, s.Name)
	}
	for _, g := range groups {
		reportRaceGroup(p, g)
	}
	return nil
}

type raceKey struct {
	at       *lint.Section
	severity lint.Severity
}

// raceSection is where the retry-on line belongs: the backend when it
// sets its own retry-on or http-reuse, else the defaults section it
// inherits from.
func raceSection(s *lint.Section) *lint.Section {
	if s.Last("retry-on") != nil || s.Last("http-reuse") != nil || s.Defaults == nil {
		return s
	}
	return s.Defaults
}

func reportRaceGroup(p *lint.Pass, g *raceGroup) {
	at := g.at.Header
	if d := g.at.Last("http-reuse"); d != nil {
		at = d
	}
	if d := g.at.Last("retry-on"); d != nil {
		at = d
	}
	who := fmt.Sprintf("%s %q reuses", g.at.Kind, g.at.Name)
	if g.at.Kind == "defaults" {
		who = fmt.Sprintf("the backends using this defaults section (%s) reuse", namesList(g.names))
	}
	fate := "a request sent on an idle connection the server is closing is not replayed: the client connection is closed without an answer (a load balancer in front answers 502)"
	if g.severity == lint.Warning {
		fate = "first requests sent on an idle connection the server is closing fail without an answer the client could retry (502 from a load balancer in front)"
	}
	p.Report(lint.Diagnostic{Pos: at.PosOf(1), End: at.EndOf(1), Severity: g.severity,
		Message: fmt.Sprintf("%s idle server connections (http-reuse %s) without \"retry-on conn-failure empty-response\": %s", who, g.mode, fate)})
}

// namesList lists up to three names and counts the rest.
func namesList(names []string) string {
	if len(names) <= 3 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
}

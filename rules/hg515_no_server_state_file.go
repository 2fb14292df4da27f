package rules

import (
	"fmt"

	"github.com/hapguard/hapguard/lint"
)

// NoServerStateFile reports health-checked backends whose server states
// do not survive a reload.
var NoServerStateFile = &lint.Rule{
	ID:       "HG515",
	Name:     "server-state-not-kept",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "Checked servers without server-state-file and load-server-state-from-file",
		Why: `A reload starts a new process that knows nothing of the old one's server
states unless they are saved ("show servers state" to the file named by
the global "server-state-file") and loaded ("load-server-state-from-file
global" in defaults or the backend). Without them every server starts UP
(init-state "up", the default): a server that was DOWN gets its share of
traffic until its first check fails (502/503 for "inter", 2s by default,
per reload), and servers put in maintenance or drained through the runtime
API for a deployment come back at once. Configurations reloaded often
(service discovery, certificate updates) meet this at every reload. From
3.1 on, servers started with "init-state down" or "fully-down" take no
traffic before a check passes: backends whose checked servers all do so are
left alone (2.6-3.0 do not know the keyword).`,
		Bad: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check
    server app2 10.0.0.2:8080 check`,
		Good: `global
    server-state-file /var/lib/haproxy/server-state
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    load-server-state-from-file global
frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check
    server app2 10.0.0.2:8080 check`,
		Fix: `Set "server-state-file" in global and "load-server-state-from-file global" in the
defaults section, and save the states before each reload
(echo "show servers state" | socat stdio /run/haproxy.sock > FILE).`,
		Manual: "configuration.txt §3.1 \"server-state-file\", \"server-state-base\"; §4.2 \"load-server-state-from-file\", \"server-state-file-name\"; §5.2 \"init-state\" (3.1+); management.txt §9.3 \"show servers state\"",
		Since:  "0.2.0",
	},
	Run: runNoServerStateFile,
}

func runNoServerStateFile(p *lint.Pass) error {
	stateFile := p.Config.GlobalLookup("server-state-file")
	var lost []*lint.Section
	for _, s := range analyzeRouting(p.Config, p.Options).reachedBackends {
		if !exposedAfterReload(p, s) {
			continue
		}
		load, from := s.Effective("load-server-state-from-file"), ""
		if load != nil {
			from = load.Arg(1).Text()
		}
		switch {
		case from == "local", from == "global" && stateFile != nil:
			continue
		case from == "global":
			p.ReportWord(load, 1, "load-server-state-from-file global for %s %q, but the global section sets no server-state-file: no state is loaded", s.Kind, s.Name)
			continue
		}
		lost = append(lost, s)
	}
	if len(lost) > 0 {
		reportLostStates(p, lost, stateFile)
	}
	return nil
}

// exposedAfterReload reports whether s has a checked server that starts UP
// after a reload: every server does before 3.1; from 3.1 on, servers with
// "init-state down" or "fully-down" wait for a check.
func exposedAfterReload(p *lint.Pass, s *lint.Section) bool {
	for _, v := range s.EffectiveServers() {
		if !v.Checked() {
			continue
		}
		state := initState(v)
		if !p.Options.HAProxyVersion.AtLeast(3, 1) || (state != "down" && state != "fully-down") {
			return true
		}
	}
	return false
}

// initState returns the "init-state" value in effect for server v, ""
// when none.
func initState(v lint.Server) string {
	src, _ := v.Source("init-state")
	return src.Option.Value
}

func reportLostStates(p *lint.Pass, lost []*lint.Section, stateFile *lint.Directive) {
	names := make([]string, len(lost))
	for i, s := range lost {
		names[i] = s.Name
	}
	what := "no global server-state-file and no load-server-state-from-file"
	at := lost[0].Header
	if stateFile != nil {
		what = "server-state-file is set (" + stateFile.Pos().String() + ") but they do not load it (load-server-state-from-file global)"
	} else if g := p.Config.SectionsOf("global"); len(g) > 0 {
		at = g[0].Header
	}
	p.ReportWord(at, 1, "%s with health checks (%s) lose their server states on reload: %s, so DOWN servers take traffic until their first check fails and runtime API maintenance is undone",
		plural(len(lost), "backend"), namesList(names), what)
}

// plural formats a count with its noun.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// TCPTimeoutsDiffer reports TCP proxies whose client and server timeouts
// differ.
var TCPTimeoutsDiffer = &lint.Rule{
	ID:       "HG406",
	Name:     "tcp-timeouts-differ",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "mode tcp with timeout client different from timeout server",
		Why: `In mode tcp both timeouts watch the same idle connection: whichever is
shorter closes it, from whichever side went quiet first. A database or
message-broker connection then dies after the shorter value while the
operator reads the longer one, which shows up as cD or sD terminations and
reconnect storms that meet maxconn (new connections queue, then time out).
The manual asks for equal values in TCP. A "timeout tunnel" supersedes both
once no analyser remains, so a proxy with one is left alone.`,
		Bad: `listen li_db
    mode tcp
    bind 127.0.0.1:5432
    timeout connect 5s
    timeout client 1h
    timeout server 30s
    server db1 10.0.0.1:5432 check`,
		Good: `listen li_db
    mode tcp
    bind 127.0.0.1:5432
    timeout connect 5s
    timeout client 1h
    timeout server 1h
    server db1 10.0.0.1:5432 check`,
		Fix:    `Give timeout client and timeout server the same value, or set "timeout tunnel" in the backend.`,
		Manual: "configuration.txt §4.2 \"timeout client\" (\"In TCP mode (...) it is highly recommended that the client timeout remains equal to the server timeout\"), \"timeout tunnel\"",
		Since:  "0.2.0",
	},
	Run: runTCPTimeoutsDiffer,
}

func runTCPTimeoutsDiffer(p *lint.Pass) error {
	rt := analyzeRouting(p.Config, p.Options)
	seen := map[[2]*lint.Section]bool{}
	for _, r := range rt.routes {
		be := p.Config.Backend(r.Target)
		if r.Dynamic || be == nil || seen[[2]*lint.Section{r.From, be}] {
			continue
		}
		seen[[2]*lint.Section{r.From, be}] = true
		at := r.From.Header
		if r.Directive.Section == r.From {
			at = r.Directive
		}
		compareTCPTimeouts(p, r.From, be, at)
	}
	for _, s := range rt.reachedBackends {
		if s.Kind == "listen" && rt.serving[s] {
			compareTCPTimeouts(p, s, s, s.Header)
		}
	}
	return nil
}

// compareTCPTimeouts reports fe's timeout client against be's timeout
// server when both proxies run in mode tcp and be has no tunnel timeout:
// at the timeout line written in the backend or frontend itself, else at
// at (the route, or the listen header) when both come from defaults.
func compareTCPTimeouts(p *lint.Pass, fe, be *lint.Section, at *lint.Directive) {
	if feMode, _ := fe.Mode(); feMode != "tcp" {
		return
	}
	if beMode, _ := be.Mode(); beMode != "tcp" || len(be.EffectiveServers()) == 0 {
		return
	}
	if _, _, tunnel := effectiveTimeout(p, be, "tunnel"); tunnel {
		return
	}
	cd, client, cok := decidedTimeout(p, fe, "client")
	sd, server, sok := decidedTimeout(p, be, "server")
	if !cok || !sok || client.Millis == server.Millis {
		return
	}
	switch { // the line written in the proxy itself made the difference
	case sd.Section == be:
		at = sd
	case cd.Section == fe:
		at = cd
	}
	p.ReportWord(at, 1, "mode tcp: %q (%s) differs from %q (%s) for %s %q: idle connections are cut after the shorter one, from either side",
		cd.Text(), cd.Pos(), sd.Text(), sd.Pos(), be.Kind, be.Name)
}

// decidedTimeout returns a timeout that is set to a readable, non-zero
// value; ok is false otherwise (HG401/HG403 judge those).
func decidedTimeout(p *lint.Pass, s *lint.Section, name string) (*lint.Directive, lint.Duration, bool) {
	d := s.Effective("timeout", name)
	if d == nil {
		return nil, lint.Duration{}, false
	}
	v, err := timeoutValue(p, d)
	return d, v, err == nil && v.Millis > 0
}

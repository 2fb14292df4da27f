package rules

import (
	"slices"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// clientPorts is what the frontends routing to a backend listen on: the
// ports a server without a port of its own receives.
type clientPorts struct {
	Ports  []string // distinct ports of the bind lines, in order
	Ranges bool     // a bind line takes a port range: the ports pass through on purpose
	TLS    []string // ports of bind lines that terminate TLS
	Known  bool     // at least one frontend was found, every bind port read
}

// clientPortsOf collects the bind ports of every enabled frontend or listen
// section whose static routes reach s, and of s itself when it listens.
func clientPortsOf(p *lint.Pass, s *lint.Section) clientPorts {
	rt := analyzeRouting(p.Config, p.Options)
	var cp clientPorts
	seen := map[*lint.Section]bool{}
	add := func(f *lint.Section) {
		if seen[f] {
			return
		}
		seen[f] = true
		cp.Known = true
		for _, d := range f.Find("bind") {
			cp.addBind(d)
		}
	}
	if s.Kind == "listen" && listensItself(s) {
		add(s)
	}
	for _, r := range rt.routes {
		if !r.Dynamic && p.Config.Backend(r.Target) == s {
			add(r.From)
		}
	}
	return cp
}

// addBind reads the ports of one bind line ("bind :80,:8080 ssl crt x").
func (cp *clientPorts) addBind(d *lint.Directive) {
	tls := slices.ContainsFunc(d.Args(), func(w lint.Word) bool { return w.Text() == "ssl" })
	for _, addr := range strings.Split(d.Arg(1).Text(), ",") {
		i := strings.LastIndexByte(addr, ':')
		if i < 0 || strings.HasPrefix(addr, "unix@") || strings.HasPrefix(addr, "/") {
			continue // sockets carry no port
		}
		port := addr[i+1:]
		switch {
		case strings.Contains(port, "-"):
			cp.Ranges = true
		case port == "" || strings.Contains(port, "$"):
			cp.Known = false
		default:
			if !slices.Contains(cp.Ports, port) {
				cp.Ports = append(cp.Ports, port)
			}
			if tls && !slices.Contains(cp.TLS, port) {
				cp.TLS = append(cp.TLS, port)
			}
		}
	}
}

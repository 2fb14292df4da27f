package rules

import (
	"fmt"
	"strconv"

	"github.com/hapguard/hapguard/lint"
)

// MaxconnLimits reports connection limits that do not fit together: a
// proxy maxconn above the global one, a ulimit-n too small for the global
// maxconn, and no global maxconn at all.
var MaxconnLimits = &lint.Rule{
	ID:       "HG513",
	Name:     "maxconn-limits",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "maxconn above the global maxconn, ulimit-n too small for it, or no global maxconn",
		Why: `The global "maxconn" caps the whole process: once reached, no frontend accepts
another connection, whatever its own maxconn says. A frontend (or defaults)
maxconn above it promises capacity that is not there: the excess waits in
the kernel's listen queue, and clients or a load balancer in front time out
(504) or give up (503). A "ulimit-n" below twice the global maxconn (each
proxied connection needs a client and a server descriptor) either stops
HAProxy at startup, when the system's soft limit is already above it
("FD limit (1024) too low for maxconn=4000/maxsock=8028", exit 1), or is
applied as written ("Ulimit-n: 1000" with "maxconn 4000"), and then past
about ulimit-n/2 connections accept() and connect() fail: 503 (sC) or
refused connections (both measured on 2.6.12 and 3.4.0).
Without a global maxconn HAProxy derives one from the file descriptor
limit: half of the larger of the soft and hard "ulimit -n" (measured on
2.6.12 and 3.4.0: about 5000 with limits 1024:10000), capped from 3.2 on by
"fd-hard-limit" (default 1048576). On a systemd host (hard limit 524288)
that is about 262000 connections, in Docker (1048576) about 524000: a
connection flood is accepted until memory runs out (33 kB per connection,
manual "maxconn") instead of queuing in the kernel. That case is info, and
is left alone when "fd-hard-limit" is set or every frontend and listen
section sets its own maxconn.`,
		Bad: `global
    maxconn 2000
frontend fe_main
    bind 127.0.0.1:8080
    maxconn 10000
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check`,
		Good: `global
    maxconn 10000
frontend fe_main
    bind 127.0.0.1:8080
    maxconn 10000
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check`,
		Fix: `Set a global maxconn sized to the machine's memory (about 33 kB per connection),
keep every frontend maxconn at or below it, and drop ulimit-n (HAProxy sizes
it from maxconn) or raise it above twice maxconn.`,
		Manual: "configuration.txt §3.2 \"maxconn\" (2.6-3.0: from \"ulimit -n\"; 3.2+: from \"ulimit -nH\", capped by \"fd-hard-limit\"), \"ulimit-n\", \"fd-hard-limit\"; §4.2 \"maxconn\" (\"This value should not exceed the global maxconn\")",
		Since:  "0.2.0",
	},
	Run: runMaxconnLimits,
}

func runMaxconnLimits(p *lint.Pass) error {
	g := p.Config.GlobalLookup("maxconn")
	if g == nil {
		reportNoGlobalMaxconn(p)
		return nil
	}
	limit, err := strconv.Atoi(g.Arg(1).Text())
	if err != nil || limit <= 0 {
		return nil // undecidable (a variable) or refused by HAProxy: not this rule's
	}
	for _, s := range p.Config.Sections {
		if s.Kind != "defaults" && !s.HasFrontend() {
			continue
		}
		for _, d := range s.Find("maxconn") {
			if n, err := strconv.Atoi(d.Arg(1).Text()); err == nil && n > limit {
				p.ReportWord(d, 1, "maxconn %d is above the global maxconn %d (%s): the process stops accepting at %d, the rest waits in the kernel's listen queue and times out",
					n, limit, g.Pos(), limit)
			}
		}
	}
	if u := p.Config.GlobalLookup("ulimit-n"); u != nil {
		if n, err := strconv.Atoi(u.Arg(1).Text()); err == nil && n < 2*limit {
			p.ReportWord(u, 1, "ulimit-n %d is below twice the global maxconn %d: HAProxy refuses to start when the system's soft limit is above it, else past about %d proxied connections accept() and connect() fail (503)",
				n, limit, n/2)
		}
	}
	return nil
}

// reportNoGlobalMaxconn reports, as info, a configuration whose process
// limit is derived from the file descriptor limit of the machine.
func reportNoGlobalMaxconn(p *lint.Pass) {
	if p.Config.GlobalLookup("fd-hard-limit") != nil || p.Config.GlobalLookup("ulimit-n") != nil {
		return
	}
	for _, s := range p.Config.SectionsOf("frontend", "listen") {
		if len(s.Find("bind")) == 0 || proxyDisabled(s) {
			continue
		}
		if s.Effective("maxconn") == nil {
			reportAutoMaxconn(p, s)
			return
		}
	}
}

func reportAutoMaxconn(p *lint.Pass, unbounded *lint.Section) {
	at := unbounded.Header
	if globals := p.Config.SectionsOf("global"); len(globals) > 0 {
		at = globals[0].Header
	}
	bound := "the hard file descriptor limit (no cap before 3.2)"
	if p.Options.HAProxyVersion.AtLeast(3, 2) {
		bound = "the hard file descriptor limit, capped by fd-hard-limit 1048576"
	}
	p.Report(lint.Diagnostic{Pos: at.PosOf(0), End: at.EndOf(0), Severity: lint.Info,
		Message: fmt.Sprintf("no global maxconn: HAProxy %s derives it from %s (about 262000 on a systemd host), so %s %q accepts a connection flood until memory runs out",
			p.Options.HAProxyVersion, bound, unbounded.Kind, unbounded.Name)})
}

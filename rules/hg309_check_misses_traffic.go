package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// CheckMissesTraffic reports health checks that can pass while the
// traffic fails: checks of another port or address, and connect-only
// checks of HTTP servers, with no traffic observation to make up for it.
var CheckMissesTraffic = &lint.Rule{
	ID:       "HG309",
	Name:     "check-misses-traffic",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "Health check that can pass while traffic fails (other port/addr, or layer-4 check on HTTP) without observe",
		Why: `A health check only proves what it tests. A check sent to another "port" or
"addr" than the traffic (a management port, a sidecar) stays green while
the service port refuses or hangs, and a plain connect check (no "option
httpchk", or tcp-check rules without "expect") of an HTTP server passes as
long as the kernel accepts connections, while the application answers 500
or nothing. The server then stays UP and its share of requests ends in
502/503/504. "observe layer7" on the server (or "observe layer4" for the
port case) lets HAProxy take the real traffic's errors into account
("error-limit", "on-error") and mark it down. A check of another port is
often on purpose (Patroni's or Galera's role check on 8008/9200 chooses the
primary): it stays right to choose, and "observe layer4" adds the service
port's own connection failures.`,
		Bad: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check port 9090`,
		Good: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    option httpchk GET /health
    server app1 10.0.0.1:8080 check observe layer7 error-limit 10 on-error mark-down`,
		Fix: `Check the traffic port with an application-level check ("option httpchk" with
"http-check expect"), or add "observe layer7 error-limit N on-error
mark-down" (HTTP) / "observe layer4" to the server.`,
		Manual: "configuration.txt §5.2 \"observe\", \"error-limit\", \"on-error\", \"port\", \"addr\"; §4.2 \"option httpchk\", \"tcp-check expect\"",
		Since:  "0.2.0",
	},
	Run: runCheckMissesTraffic,
}

func runCheckMissesTraffic(p *lint.Pass) error {
	for _, s := range analyzeRouting(p.Config, p.Options).reachedBackends {
		layer4 := layer4OnlyCheck(s)
		reported := false
		for _, v := range s.EffectiveServers() {
			if !v.Checked() {
				continue
			}
			observe, _, observed := v.Option("observe")
			if !observed && checkElsewhere(p, v) {
				continue
			}
			if layer4 && !reported && observe.Value != "layer7" {
				reported = true
				p.ReportWord(v.Line.Directive, 1, "%s %q is HTTP but its check only opens a connection (%s): server %q stays UP while the application answers 5xx or hangs; use option httpchk or \"observe layer7\"",
					s.Kind, s.Name, layer4Why(s), v.Line.Name())
			}
		}
	}
	return nil
}

// checkElsewhere reports a check sent to another port or address than the
// server's traffic, at the option that sends it there.
func checkElsewhere(p *lint.Pass, v lint.Server) bool {
	ap := serverAddrPort(p, v.Line)
	if port, ok := checkPortOption(v); ok && ap.Kind == portNumber && port != ap.Port {
		src, _ := v.Source("port")
		p.ReportWord(src.Directive(), src.Option.Index, "server %q is checked on port %d but serves port %d, with no \"observe\": the check passes while the service port refuses or hangs (503/504); a role check there is fine, add \"observe layer4\" so the service port's failures count too",
			v.Line.Name(), port, ap.Port)
		return true
	}
	if o, _, ok := v.Option("addr"); ok && o.Value != "" {
		host := lint.ParseAddress(v.Line.Addr(), p.Options).Host
		if host != "" && o.Value != host {
			src, _ := v.Source("addr")
			p.ReportWord(src.Directive(), src.Option.Index, "server %q is checked at %s but serves %s, with no \"observe\": the check passes while the server's traffic fails",
				v.Line.Name(), o.Value, host)
			return true
		}
	}
	return false
}

// layer4OnlyCheck reports an HTTP backend whose check only connects: no
// check option at all, or tcp-check rules without any expect.
func layer4OnlyCheck(s *lint.Section) bool {
	if mode, _ := s.Mode(); mode != "http" {
		return false
	}
	switch proto, _ := checkProtocol(s); proto {
	case "":
		return true
	case "tcp-check":
		for _, d := range checkRuleLines(s, "tcp-check") {
			if d.Is("tcp-check", "expect") {
				return false
			}
		}
		return true
	}
	return false
}

func layer4Why(s *lint.Section) string {
	if proto, _ := checkProtocol(s); proto == "tcp-check" {
		return "tcp-check without expect"
	}
	return "no option httpchk"
}

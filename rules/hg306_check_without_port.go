package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// CheckWithoutPort reports checked servers that give HAProxy no port to
// check.
var CheckWithoutPort = &lint.Rule{
	ID:       "HG306",
	Name:     "check-without-port",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Health check on a server with neither a port nor a check port",
		Why: `A server written without a port (or with port 0, or a "+N" offset) is sent to
the client's destination port, which HAProxy cannot know when it schedules a
health check. With an IP address HAProxy therefore refuses to start ("server has
neither service port nor check port"): the reload fails, or a fresh start
serves nothing. With a host name HAProxy 2.6 starts, but checks connect to
port 0, fail, and the server stays DOWN for good: every request gets 503.
Socket addresses (unix@, abns@), SRV-record templates, a check "port" (also
from default-server) and a tcp-check rule set that starts with "connect port"
all give checks a port and stay silent. A disabled server is checked all the
same.`,
		Bad:            "backend be_app\n    server s1 10.0.0.1 check",
		Good:           "backend be_app\n    server s1 10.0.0.1:8080 check\n    # or, to keep the client's port for traffic:\n    server s2 10.0.0.2 check port 8080",
		Fix:            "Give the server its port, or a check port with \"port N\".",
		Manual:         "configuration.txt §4.2 \"server\" (address and port), \"tcp-check connect\"; §5.2 \"check\", \"port\"",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runCheckWithoutPort,
}

func runCheckWithoutPort(p *lint.Pass) error {
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		if checkRulesGivePort(s) {
			continue
		}
		for _, v := range s.EffectiveServers() {
			if !v.Checked() || v.Line.AddrIndex < 0 {
				continue
			}
			if _, ok := checkPortOption(v); ok {
				continue
			}
			switch ap := serverAddrPort(p, v.Line); ap.Kind {
			case portNone, portOffset:
				p.ReportWord(v.Line.Directive, v.Line.AddrIndex,
					"server %q is checked but its address %q has no fixed port and no check port is set: %s",
					v.Line.Name(), v.Line.Addr().Text(), noPortEffect(ap))
			}
		}
	}
	return nil
}

func noPortEffect(ap addrPort) string {
	if ap.Literal {
		return "HAProxy refuses to start"
	}
	return "HAProxy starts, but checks go to port 0 and fail, so the server stays DOWN (503)"
}

// checkRulesGivePort reports whether the section's check rules connect
// with an explicit port: the first action is a "connect" and every
// "connect" names a port (2.6 also needs an explicit "http-check send" for
// an HTTP check rule set to start with its connect).
func checkRulesGivePort(s *lint.Section) bool {
	protocol, _ := checkProtocol(s)
	keyword := checkRuleKeyword(protocol)
	if keyword == "" {
		return false
	}
	rules := checkRuleLines(s, keyword)
	if keyword == "http-check" && !hasAction(rules, "send") {
		return false
	}
	first := true
	for _, d := range rules {
		action := d.Arg(1).Text()
		if action == "comment" || strings.HasPrefix(action, "set-var") || strings.HasPrefix(action, "unset-var") {
			continue
		}
		if first && action != "connect" {
			return false
		}
		first = false
		if action == "connect" && !connectHasPort(d) {
			return false
		}
	}
	return !first
}

func hasAction(rules []*lint.Directive, action string) bool {
	for _, d := range rules {
		if d.Arg(1).Text() == action {
			return true
		}
	}
	return false
}

// connectHasPort reports whether a tcp-check/http-check connect rule sets
// a port, with "port N" or an "addr" that carries one.
func connectHasPort(d *lint.Directive) bool {
	for i := 2; i+1 < len(d.Words); i++ {
		switch d.Words[i].Text() {
		case "port":
			return true
		case "addr":
			if addrHasPort(d.Words[i+1].Text()) {
				return true
			}
		}
	}
	return false
}

package rules

import "github.com/hapguard/hapguard/lint"

// ServerPortInvalid reports server ports HAProxy refuses or misreads.
var ServerPortInvalid = &lint.Rule{
	ID:       "HG102",
	Name:     "server-port-invalid",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Server port that is not a number, out of 1..65535, 0, or a range",
		Why: `HAProxy refuses to start on a server port that is not a number ("8o80"), above
65535, or a range ("8080-8090": only "bind" takes ranges), so the reload fails.
Port 0 is accepted but means "no port": connections go to the port the client
connected to, usually nothing or the wrong service (503/502). Digits followed
by other text ("8080x") are read by HAProxy 2.6 as the leading number and the
rest is silently dropped. Those two are warnings.`,
		Bad:            "backend be_app\n    server s1 10.0.0.1:80800 check",
		Good:           "backend be_app\n    server s1 10.0.0.1:8080 check",
		Fix:            "Write a single port between 1 and 65535; for several ports declare several servers.",
		Manual:         "configuration.txt §4.2 \"server\" (<port>), §11 (2.6) / §2.9 (3.2) Address formats",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runServerPortInvalid,
}

func runServerPortInvalid(p *lint.Pass) error {
	for s := range serverAddrs(p) {
		a := s.addr
		if !a.HasPort || a.PortUnknown || a.IsSocket() || a.UnbracketedIPv6() || !knownPrefix(a) {
			continue
		}
		checkPort(p, s, lint.ParsePort(a.Port))
	}
	return nil
}

func checkPort(p *lint.Pass, s serverAddr, port lint.Port) {
	a := s.addr
	switch {
	case port.Kind == lint.PortInvalid:
		s.report(p, 0, "server %q port %q is not a number: HAProxy refuses the configuration", s.name(), a.Port)
	case port.Kind == lint.PortRange:
		s.report(p, 0, "server %q has the port range %q: only bind takes ranges, HAProxy refuses the configuration", s.name(), a.Port)
	case port.Kind == lint.PortTrailing:
		s.report(p, lint.Warning, "server %q port %q has trailing text: HAProxy reads port %d and drops the rest", s.name(), a.Port, port.Value)
	case port.Kind == lint.PortNumber && port.Value > 65535:
		s.report(p, 0, "server %q port %s is out of range 1..65535: HAProxy refuses the configuration", s.name(), a.Port)
	case port.Kind == lint.PortNumber && port.Value == 0:
		s.report(p, lint.Warning, "server %q has port 0, which means no port: each connection goes to the port the client connected to", s.name())
	}
}

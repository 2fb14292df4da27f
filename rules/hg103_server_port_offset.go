package rules

import "github.com/hapguard/hapguard/lint"

// ServerPortOffset reports server ports written as an offset.
var ServerPortOffset = &lint.Rule{
	ID:       "HG103",
	Name:     "server-port-offset",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "Server port written as an offset (+N or -N)",
		Why: `A port written "+1000" or "-1" is added to the port the client connected to, so
the server port depends on which bind line accepted the connection. Adding a
bind port later (or a health check, which has no client port) silently sends
traffic to a port nothing listens on: 503 for those connections.`,
		Bad:    "backend be_app\n    server s1 10.0.0.1:+1000 check",
		Good:   "backend be_app\n    server s1 10.0.0.1:9080 check",
		Fix:    "Write the absolute port, or declare one backend per bind port if the mapping is intended.",
		Manual: "configuration.txt §4.2 \"server\" (<port> \"may also be prefixed by a '+' or a '-'\")",
		Since:  "0.1.0",
	},
	Run: runServerPortOffset,
}

func runServerPortOffset(p *lint.Pass) error {
	for s := range serverAddrs(p) {
		a := s.addr
		if !a.HasPort || a.PortUnknown || a.IsSocket() || !knownPrefix(a) {
			continue
		}
		if lint.ParsePort(a.Port).Kind == lint.PortOffset {
			s.report(p, 0, "server %q port %q is an offset: the server port is the client's destination port %s",
				s.name(), a.Port, string(a.Port[0])+" "+a.Port[1:])
		}
	}
	return nil
}

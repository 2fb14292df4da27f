package rules

import "github.com/hapguard/hapguard/lint"

// DuplicateServerName reports two servers of one proxy with the same name.
var DuplicateServerName = &lint.Rule{
	ID:       "HG014",
	Name:     "duplicate-server-name",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Two servers with the same name in one backend",
		Why: `Server names identify servers in the statistics, the runtime API ("set server
be/s1 state drain"), stick tables and logs, so HAProxy refuses a backend or
listen section where two servers share a name ("another server named 's1'
was already defined at line N, please use distinct names"), in every version
from 2.6 to 3.4 (checked against each binary). Copy-pasted server lines are
the usual cause: the reload fails and the old process keeps running. (Names
a server-template generates are not compared: 3.4 accepts a "server" that
repeats one, older versions refuse it.)`,
		Bad:            "backend be_app\n    server s1 10.0.0.1:8080 check\n    server s1 10.0.0.2:8080 check",
		Good:           "backend be_app\n    server s1 10.0.0.1:8080 check\n    server s2 10.0.0.2:8080 check",
		Fix:            "Give every server of the section its own name.",
		Manual:         "configuration.txt §4.2 \"server\", \"server-template\"; §5 \"Bind and server options\"",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runDuplicateServerName,
}

func runDuplicateServerName(p *lint.Pass) error {
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		first := map[string]*lint.Directive{}
		for _, d := range s.Directives {
			if !d.Is("server") || len(d.Words) < 2 {
				continue
			}
			name := d.Arg(1).Text()
			if prev, dup := first[name]; dup {
				p.ReportWord(d, 1, "%s %q has another server named %q at line %d: HAProxy refuses to start (\"please use distinct names\")",
					s.Kind, s.Name, name, prev.Pos().Line)
				continue
			}
			first[name] = d
		}
	}
	return nil
}

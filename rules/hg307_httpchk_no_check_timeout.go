package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// HTTPCheckNoTimeout reports HTTP checks that run without "timeout check".
var HTTPCheckNoTimeout = &lint.Rule{
	ID:       "HG307",
	Name:     "httpchk-without-check-timeout",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "HTTP health check without timeout check",
		Why: `Without "timeout check", a whole health check (connect and response) must fit in
"inter" (2s by default). A health endpoint that is briefly slow (a cold start,
a database hiccup) then fails checks, and a few in a row mark a working server
DOWN; when it happens to all servers at once the backend answers 503. With
"timeout check", the connect is bounded by min(timeout connect, inter) and the
response gets its own, explicit budget.`,
		Bad:    "backend be_app\n    option httpchk GET /health\n    server s1 10.0.0.1:8080 check",
		Good:   "backend be_app\n    option httpchk GET /health\n    timeout check 3s\n    server s1 10.0.0.1:8080 check",
		Fix:    "Set \"timeout check\" (in defaults or in the backend), shorter than \"timeout server\".",
		Manual: "configuration.txt §4.2 \"timeout check\", \"option httpchk\"; §5.2 \"inter\"",
		Since:  "0.1.0",
	},
	Run: runHTTPCheckNoTimeout,
}

func runHTTPCheckNoTimeout(p *lint.Pass) error {
	seen := map[*lint.Directive]bool{}
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		protocol, opt := checkProtocol(s)
		if protocol != "httpchk" || seen[opt] || !hasCheckedServer(p.Config, s) {
			continue
		}
		if _, _, set := effectiveTimeout(p, s, "check"); set {
			continue
		}
		seen[opt] = true
		p.ReportWord(opt, 1, "%s %q runs HTTP checks without \"timeout check\": each check must complete within \"inter\", so a briefly slow health endpoint marks the server DOWN",
			s.Kind, s.Name)
	}
	return nil
}

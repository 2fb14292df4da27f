package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// CookieWithoutRedispatch reports cookie persistence that cannot move a
// client off a failed server.
var CookieWithoutRedispatch = &lint.Rule{
	ID:       "HG507",
	Name:     "cookie-without-redispatch",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Cookie persistence without option redispatch",
		Why: `With a persistence cookie, HAProxy sends each client back to the server its
cookie names, and connection retries go to that same server. When the server
stops accepting connections before its health check marks it down (or when
it has no check), clients stuck to it get 503 once the retries are spent.
"option redispatch" lets the last retry go to another server, breaking the
persistence instead of the request.`,
		Bad: `frontend fe_main
    bind :80
    default_backend be_app
backend be_app
    mode http
    cookie SRV insert indirect nocache
    server app1 10.0.0.1:8080 check cookie app1
    server app2 10.0.0.2:8080 check cookie app2`,
		Good: `frontend fe_main
    bind :80
    default_backend be_app
backend be_app
    mode http
    cookie SRV insert indirect nocache
    option redispatch
    server app1 10.0.0.1:8080 check cookie app1
    server app2 10.0.0.2:8080 check cookie app2`,
		Fix:    `Add "option redispatch" to the backend or its defaults section.`,
		Manual: "configuration.txt §4.2 \"cookie\", \"option redispatch\", \"retries\"",
		Since:  "0.1.0",
	},
	Run: runCookieWithoutRedispatch,
}

func runCookieWithoutRedispatch(p *lint.Pass) error {
	rt := analyzeRouting(p.Config, p.Options)
	for _, s := range rt.reachedBackends {
		cookie := s.Effective("cookie")
		if cookie == nil || len(cookie.Words) < 2 || redispatchOn(s) || activeServers(s, 2) < 2 {
			continue
		}
		if mode, _ := s.Mode(); mode != "http" {
			continue
		}
		p.ReportWord(s.Header, 1, "%s %q uses cookie persistence (%s) without \"option redispatch\": clients whose server fails get 503 after the retries instead of moving to another server",
			s.Kind, s.Name, cookie.Pos())
	}
	return nil
}

// redispatchOn reports whether "option redispatch" is in effect; an
// interval of 0 disables it.
func redispatchOn(s *lint.Section) bool {
	on, d := s.Option("redispatch")
	return on && d.Arg(2).Text() != "0"
}

// activeServers counts, up to limit, the non-backup servers that take part
// in load balancing: those a retry could be redispatched to.
func activeServers(s *lint.Section, limit int) int {
	n := 0
	for _, v := range s.EffectiveServers() {
		if t := traitsOf(v); !t.idle() && !t.Backup {
			n++
		}
		if n >= limit {
			break
		}
	}
	return n
}

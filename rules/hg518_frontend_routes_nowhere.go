package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// FrontendRoutesNowhere reports frontends that accept traffic but have no
// backend to send it to and answer nothing themselves.
var FrontendRoutesNowhere = &lint.Rule{
	ID:       "HG518",
	Name:     "frontend-routes-nowhere",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Frontend that accepts traffic but routes nowhere and answers nothing",
		Why: `A frontend with bind lines but no default_backend (its own or inherited), no
use_backend rule, and no rule that answers requests itself (http-request
return/redirect/deny/use-service, redirect, stats, monitor-uri, Lua
actions, "tcp-request session attach-srv") has nowhere to send a request: HAProxy starts, and in mode http
answers every request 503 Service Unavailable (logged <NOSRV> with SC--),
in mode tcp closes every connection. HG502 covers frontends whose
use_backend rules are all conditional; a listen section without servers is
HG503's. A frontend that customises its 503 page itself ("errorfile 503",
"errorloc 503", "http-error status 503") is a maintenance page on purpose
and is left alone.`,
		Bad: `frontend fe_main
    bind 127.0.0.1:8080
    mode http
backend be_app
    server app1 10.0.0.1:8080 check`,
		Good: `frontend fe_main
    bind 127.0.0.1:8080
    mode http
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check`,
		Fix:    `Add "default_backend" (in the frontend or its defaults section) or use_backend rules, or answer the requests explicitly ("http-request return", "http-request redirect").`,
		Manual: "configuration.txt §4.2 \"default_backend\", \"use_backend\" (\"a 503 service unavailable response is returned\")",
		Since:  "0.2.0",
	},
	Run: runFrontendRoutesNowhere,
}

func runFrontendRoutesNowhere(p *lint.Pass) error {
	for _, f := range analyzeRouting(p.Config, p.Options).frontends {
		s := f.Section
		binds := s.Find("bind")
		if s.Kind != "frontend" || len(binds) == 0 || len(f.Routes) > 0 || answersRequests(s, false) || answersOtherwise(s) {
			continue
		}
		fate := "every request gets 503 Service Unavailable"
		if f.Mode != "http" {
			fate = "every connection is closed"
		}
		p.ReportWord(s.Header, 1, "frontend %q accepts traffic (%s) but has no default_backend, no use_backend and no rule answering requests itself: %s",
			s.Name, binds[0].Pos(), fate)
	}
	return nil
}

// answersOtherwise reports the other ways a frontend serves or refuses
// requests on purpose: the legacy "redirect" keyword, "monitor-uri", a Lua
// action (which may answer), a 503 page of its own, or "tcp-request session
// attach-srv" (2.9+: the frontend receives reverse HTTP connections that
// become a server's, not requests to route).
func answersOtherwise(s *lint.Section) bool {
	for sec := s; sec != nil; sec = sec.Defaults {
		for _, d := range sec.Directives {
			if d.Is("redirect") || d.Is("monitor-uri") || luaAction(d) || d.Is("tcp-request", "session", "attach-srv") {
				return true
			}
		}
	}
	for _, d := range s.Directives {
		if d.Is("errorfile", "503") || d.Is("errorloc", "503") || d.Is("errorloc302", "503") ||
			d.Is("errorloc303", "503") || (d.Is("http-error") && hasWord(d, "503")) {
			return true
		}
	}
	return false
}

// luaAction recognises "http-request lua.NAME" and "tcp-request content
// lua.NAME" rules.
func luaAction(d *lint.Directive) bool {
	switch {
	case d.Is("http-request"):
		return strings.HasPrefix(d.Arg(1).Text(), "lua.")
	case d.Is("tcp-request", "content"):
		return strings.HasPrefix(d.Arg(2).Text(), "lua.")
	}
	return false
}

package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// reuseMode returns the "http-reuse" strategy in effect for s and the
// directive that set it; "safe" (nil directive) is HAProxy's default from
// 2.0 on (manual §4.2 "http-reuse", 2.6 to 3.4).
func reuseMode(s *lint.Section) (string, *lint.Directive) {
	d := s.Effective("http-reuse")
	if d == nil || d.Arg(1).Text() == "" {
		return "safe", nil
	}
	return d.Arg(1).Text(), d
}

// keepsServerConnections reports whether an HTTP backend keeps its server
// connections open between requests so that another request may use them:
// http-reuse is not "never" and no "option httpclose" or "option
// http-server-close" closes them after each response.
func keepsServerConnections(s *lint.Section) bool {
	if mode, _ := reuseMode(s); mode == "never" {
		return false
	}
	for _, opt := range []string{"httpclose", "http-server-close"} {
		if on, _ := s.Option(opt); on {
			return false
		}
	}
	return true
}

// reusesFirstRequests reports whether the reuse strategy sends the first
// request of a client connection over an idle server connection, which the
// client cannot retry if it fails.
func reusesFirstRequests(mode string) bool { return mode == "aggressive" || mode == "always" }

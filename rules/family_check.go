package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// checkRules are the HG3xx rules: health checks.
func checkRules() []*lint.Rule {
	return []*lint.Rule{UncheckedServer, CheckOptionIgnored, SSLCheckInClear, HTTPCheckNoHost,
		CheckRulesIgnored, CheckWithoutPort, HTTPCheckNoTimeout, CheckCadence}
}

// serverView is a server line with the default-server lines that apply to
// it: inherited ones first, then the section's own lines above it. The last
// occurrence of an option wins, as when HAProxy copies default-server
// settings into each new server.
type serverView struct {
	Line  *lint.ServerLine
	lines []*lint.ServerLine // default-server lines, then Line
}

// viewKey is the Memo key of a section's server views.
type viewKey struct{ s *lint.Section }

// viewServers returns the servers of a backend or listen section with
// their effective options, computed once per section and shared by the
// rules (callers must not modify the result).
func viewServers(cfg *lint.Config, s *lint.Section) []serverView {
	return cfg.Memo(viewKey{s}, func() any { return buildServerViews(cfg, s) }).([]serverView)
}

func buildServerViews(cfg *lint.Config, s *lint.Section) []serverView {
	var defaults []*lint.ServerLine
	if s.Defaults != nil {
		for _, d := range s.Defaults.DefaultServers() {
			defaults = append(defaults, cfg.ServerLine(d))
		}
	}
	var out []serverView
	for _, d := range s.Directives {
		switch {
		case d.Is("default-server"):
			defaults = append(defaults, cfg.ServerLine(d))
		case d.Is("server"), d.Is("server-template"):
			sl := cfg.ServerLine(d)
			lines := append(append([]*lint.ServerLine(nil), defaults...), sl)
			out = append(out, serverView{Line: sl, lines: lines})
		}
	}
	return out
}

// Flag reports whether a flag option is on: the last of on and off wins.
func (v serverView) Flag(on, off string) bool {
	for i := len(v.lines) - 1; i >= 0; i-- {
		opts := v.lines[i].Options
		for j := len(opts) - 1; j >= 0; j-- {
			switch opts[j].Name {
			case on:
				return true
			case off:
				return false
			}
		}
	}
	return false
}

// Option returns the last value of the named option and whether it was
// given on the server line itself.
func (v serverView) Option(name string) (o lint.ServerOption, own, ok bool) {
	for i := len(v.lines) - 1; i >= 0; i-- {
		if o, ok := v.lines[i].Option(name); ok {
			return o, i == len(v.lines)-1, true
		}
	}
	return lint.ServerOption{}, false, false
}

// Checked reports whether the server runs health checks.
func (v serverView) Checked() bool { return v.Flag("check", "no-check") }

// checkProtocolOptions are the options that choose what a health check
// says; the last one in effect wins.
var checkProtocolOptions = map[string]bool{
	"httpchk": true, "tcp-check": true, "ssl-hello-chk": true, "smtpchk": true, "mysql-check": true,
	"pgsql-check": true, "redis-check": true, "ldap-check": true, "spop-check": true, "external-check": true,
}

// checkProtocol returns the check option in effect for s ("httpchk",
// "tcp-check", ...) and its directive; "" means a plain connect check.
func checkProtocol(s *lint.Section) (string, *lint.Directive) {
	for sec := s; sec != nil; sec = sec.Defaults {
		for i := len(sec.Directives) - 1; i >= 0; i-- {
			d := sec.Directives[i]
			switch {
			case d.Is("option") && checkProtocolOptions[d.Arg(1).Text]:
				return d.Arg(1).Text, d
			case d.Is("no", "option") && checkProtocolOptions[d.Arg(2).Text]:
				return "", d
			}
		}
	}
	return "", nil
}

// checkRuleLines returns the "tcp-check" or "http-check" lines HAProxy
// runs for s: its own, else those of the defaults section that enables the
// check option (a proxy enabling the option itself starts a new rule set).
func checkRuleLines(s *lint.Section, keyword string) []*lint.Directive {
	if own := ruleLinesOf(s, keyword); len(own) > 0 {
		return own
	}
	if _, opt := checkProtocol(s); opt != nil && opt.Section != s {
		return ruleLinesOf(opt.Section, keyword)
	}
	return nil
}

// ruleLinesOf returns the section's own check rules of one keyword,
// leaving out settings that are not rules.
func ruleLinesOf(s *lint.Section, keyword string) []*lint.Directive {
	var out []*lint.Directive
	for _, d := range s.Find(keyword) {
		switch d.Arg(1).Text {
		case "disable-on-404", "send-state":
			continue
		}
		out = append(out, d)
	}
	return out
}

// checkRuleKeyword returns the rule keyword that goes with a check option.
func checkRuleKeyword(protocol string) string {
	switch protocol {
	case "httpchk":
		return "http-check"
	case "tcp-check":
		return "tcp-check"
	}
	return ""
}

// hasCheckedServer reports whether any server of s runs health checks.
func hasCheckedServer(cfg *lint.Config, s *lint.Section) bool {
	for _, v := range viewServers(cfg, s) {
		if v.Checked() {
			return true
		}
	}
	return false
}

package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// checkRules are the HG3xx rules: health checks.
func checkRules() []*lint.Rule {
	return []*lint.Rule{UncheckedServer, CheckOptionIgnored, SSLCheckInClear, HTTPCheckNoHost,
		CheckRulesIgnored, CheckWithoutPort, HTTPCheckNoTimeout, CheckCadence, CheckMissesTraffic, ExternalCheckNoFork}
}

// checkProtocolOptions are the options that choose what a health check
// says; the last one in effect wins.
var checkProtocolOptions = map[string]bool{
	"httpchk": true, "tcp-check": true, "ssl-hello-chk": true, "smtpchk": true, "mysql-check": true,
	"pgsql-check": true, "redis-check": true, "ldap-check": true, "spop-check": true, "external-check": true,
}

// checkProtocol returns the check option in effect for s ("httpchk",
// "tcp-check", ...) and its directive; "" means a plain connect check.
func checkProtocol(s *lint.Section) (string, *lint.Directive) {
	d := s.Inherit("check protocol", lastCheckProtocol)
	if d == nil || d.Is("no") {
		return "", d
	}
	return d.Arg(1).Text(), d
}

// lastCheckProtocol returns the section's own last line choosing or
// cancelling a check protocol, or nil.
func lastCheckProtocol(sec *lint.Section) *lint.Directive {
	for i := len(sec.Directives) - 1; i >= 0; i-- {
		d := sec.Directives[i]
		if d.Is("option") && checkProtocolOptions[d.Arg(1).Text()] ||
			d.Is("no", "option") && checkProtocolOptions[d.Arg(2).Text()] {
			return d
		}
	}
	return nil
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
		switch d.Arg(1).Text() {
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
	for _, v := range s.EffectiveServers() {
		if v.Checked() {
			return true
		}
	}
	return false
}

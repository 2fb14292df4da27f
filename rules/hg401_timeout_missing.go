package rules

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// TimeoutMissing reports proxies that run without the timeouts HAProxy
// warns about at startup, once where the cause lives.
var TimeoutMissing = &lint.Rule{
	ID:       "HG401",
	Name:     "timeout-missing",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Proxy without timeout connect, server or client",
		Why: `Without "timeout connect" a connection attempt to a dead server hangs instead of
failing over; without "timeout server" a stuck server holds the request until
the client gives up; without "timeout client" idle and half-dead client
connections pile up until maxconn is reached and new clients are refused.
Requests then end in 504 or 503 storms instead of a quick retry on another
server. HAProxy only prints "missing timeouts" ("you will certainly encounter
various problems with such a configuration") and starts anyway, which is why
this is reported as an error here. The rule follows HAProxy's own test: a
frontend or listen needs "timeout client"; a backend or listen with servers
needs "timeout connect" and "timeout server" ("timeout tunnel" can stand in
for "timeout server" in mode tcp). A value of 0 means no timeout.

The finding is reported once, where the fix goes: on the defaults section
the proxies inherit from (naming the proxies that lack the timeout), on the
line that sets a timeout to 0, or on the proxy itself when it inherits from
no defaults section. Proxies that set the removed 1.x spellings
("contimeout", "clitimeout", "srvtimeout") are left to HG012.`,
		Bad:    "defaults\n    mode http\nbackend be_app\n    server s1 10.0.0.1:8080 check",
		Good:   "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\nbackend be_app\n    server s1 10.0.0.1:8080 check",
		Fix:    "Set timeout connect, client and server in the defaults section (or in each proxy), with explicit units.",
		Manual: "configuration.txt §4.2 \"timeout connect\", \"timeout client\", \"timeout server\", \"timeout tunnel\"",
		Since:  "0.1.0",
	},
	Run: runTimeoutMissing,
}

// timeoutCause is where a missing timeout is fixed: a defaults section, a
// proxy without defaults, or a line that sets the timeout to 0.
type timeoutCause struct {
	directive *lint.Directive // the header of the section, or the "timeout X 0" line
	section   *lint.Section
}

// causeGroup collects, for one cause, the proxies lacking each timeout.
type causeGroup struct {
	cause   timeoutCause
	order   []string            // timeouts in first-seen order
	proxies map[string][]string // timeout -> proxy labels
}

func runTimeoutMissing(p *lint.Pass) error {
	var groups []*causeGroup
	index := map[*lint.Directive]*causeGroup{}
	for _, s := range p.Config.Proxies() {
		for _, t := range missingTimeouts(p, s) {
			c := timeoutCauseOf(s, t)
			g := index[c.directive]
			if g == nil {
				g = &causeGroup{cause: c, proxies: map[string][]string{}}
				index[c.directive] = g
				groups = append(groups, g)
			}
			if _, seen := g.proxies[t]; !seen {
				g.order = append(g.order, t)
			}
			g.proxies[t] = append(g.proxies[t], fmt.Sprintf("%s %q", s.Kind, s.Name))
		}
	}
	for _, g := range groups {
		reportTimeoutCause(p, g)
	}
	return nil
}

// timeoutCauseOf returns where timeout t ("timeout client") of proxy s is
// missing: the line setting it to 0, else the defaults section s inherits
// from, else s itself.
func timeoutCauseOf(s *lint.Section, t string) timeoutCause {
	if d := s.Effective(strings.Fields(t)...); d != nil {
		return timeoutCause{directive: d, section: d.Section}
	}
	if s.Defaults != nil {
		return timeoutCause{directive: s.Defaults.Header, section: s.Defaults}
	}
	return timeoutCause{directive: s.Header, section: s}
}

func reportTimeoutCause(p *lint.Pass, g *causeGroup) {
	effect := missingTimeoutEffect(g.order)
	d, s := g.cause.directive, g.cause.section
	switch {
	case d != s.Header:
		p.ReportWord(d, valueIndex, "%s disables the timeout for %s: %s",
			d.Text(), nameList(g.proxies[g.order[0]]), effect)
	case s.Kind == "defaults":
		// Timeouts missing for the same proxies are listed together.
		var keys []string
		timeouts := map[string][]string{}
		for _, t := range g.order {
			k := nameList(g.proxies[t])
			if _, seen := timeouts[k]; !seen {
				keys = append(keys, k)
			}
			timeouts[k] = append(timeouts[k], t)
		}
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%s: %s", strings.Join(timeouts[k], ", "), k)
		}
		p.ReportWord(d, 0, "%s has no %s, and the proxies inheriting from it set none either (%s): %s; set them here",
			sectionLabel(s), strings.Join(g.order, ", "), strings.Join(parts, "; "), effect)
	default:
		p.ReportWord(d, 0, "%s %q has no %s and inherits from no defaults section: %s",
			s.Kind, s.Name, strings.Join(g.order, ", "), effect)
	}
}

// maxNamesListed bounds the proxies named in one message.
const maxNamesListed = 5

// nameList joins labels, naming at most maxNamesListed.
func nameList(labels []string) string {
	if len(labels) <= maxNamesListed {
		return strings.Join(labels, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(labels[:maxNamesListed], ", "), len(labels)-maxNamesListed)
}

// missingTimeouts lists the timeouts HAProxy's startup check finds missing
// (a value of 0 counts as missing). A removed 1.x spelling counts as set:
// HG012 reports it with its replacement.
func missingTimeouts(p *lint.Pass, s *lint.Section) []string {
	mode, _ := s.Mode()
	if mode != "http" && mode != "tcp" {
		return nil
	}
	var missing []string
	has := func(name string) bool {
		if _, _, set := effectiveTimeout(p, s, name); set {
			return true
		}
		legacy, ok := legacyTimeoutKeyword[name]
		return ok && s.Effective(legacy) != nil
	}
	if s.HasFrontend() && !has("client") {
		missing = append(missing, "timeout client")
	}
	if !s.HasBackend() || len(s.EffectiveServers()) == 0 {
		return missing
	}
	if !has("connect") {
		missing = append(missing, "timeout connect")
	}
	if !has("server") && (mode == "http" || !has("tunnel")) {
		missing = append(missing, "timeout server")
	}
	return missing
}

func missingTimeoutEffect(missing []string) string {
	var effects []string
	for _, m := range missing {
		switch m {
		case "timeout client":
			effects = append(effects, "idle clients are never closed and exhaust maxconn")
		case "timeout connect":
			effects = append(effects, "connects to a dead server hang instead of failing over")
		case "timeout server":
			effects = append(effects, "a stuck server holds requests forever (504s, queue pile-up)")
		}
	}
	return strings.Join(effects, "; ")
}

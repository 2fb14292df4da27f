package rules

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// ProxyBeforeDefaults reports proxies written above the first defaults
// section, which therefore inherit none of its settings.
var ProxyBeforeDefaults = &lint.Rule{
	ID:       "HG514",
	Name:     "proxy-before-defaults",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Proxy declared before the first defaults section inherits nothing from it",
		Why: `A defaults section applies only to the proxies that follow it (or that name it
with "from"). A frontend, backend or listen section written above the first
defaults section gets HAProxy's built-in values instead: mode tcp, no
timeouts, no options. An HTTP listener then forwards bytes without parsing
HTTP (no routing rules, no health of the request), its servers are never
timed out (stuck connections pile up until maxconn, then 503), and options
such as "option redispatch" or "retry-on" that the author sees in the
defaults section below do not apply. The rule lists the settings of that
defaults section the proxy does not set itself; a proxy that sets them all
is left alone.`,
		Bad: `global
    maxconn 1000
backend be_app
    server app1 10.0.0.1:8080 check
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app`,
		Good: `global
    maxconn 1000
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
backend be_app
    server app1 10.0.0.1:8080 check
frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app`,
		Fix:    `Move the defaults section above every proxy, or name it with "from" in the proxy header (2.6+: "backend be_app from NAME" with a named defaults section).`,
		Manual: "configuration.txt §4 \"Proxies\" (a defaults section applies to the proxies that follow it), §4.1 \"Proxy keywords matrix\"",
		Since:  "0.2.0",
	},
	Run: runProxyBeforeDefaults,
}

func runProxyBeforeDefaults(p *lint.Pass) error {
	var pending []*lint.Section
	for _, s := range p.Config.Sections {
		switch {
		case s.IsProxy() && s.Defaults == nil && s.From == "":
			pending = append(pending, s)
		case s.Kind == "defaults":
			for _, px := range pending {
				reportMissedDefaults(p, px, s)
			}
			pending = nil
		}
	}
	return nil
}

func reportMissedDefaults(p *lint.Pass, px, def *lint.Section) {
	missed := missedSettings(px, def)
	if len(missed) == 0 {
		return
	}
	list := strings.Join(missed, ", ")
	if len(missed) > 4 {
		list = fmt.Sprintf("%s and %d more", strings.Join(missed[:4], ", "), len(missed)-4)
	}
	p.ReportWord(px.Header, 1, "%s %q comes before the first defaults section (%s) and inherits nothing from it: %s do not apply to it",
		px.Kind, px.Name, def.Pos(), list)
}

// missedSettings returns the settings of def, as written, that px would
// have inherited and does not set itself, leaving out settings that do not
// concern its side (frontend or backend).
func missedSettings(px, def *lint.Section) []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range def.Directives {
		key := inheritedSettingKey(d)
		if seen[key] || !concernsSide(key, px) || px.Effective(strings.Fields(key)...) != nil || noOptionSet(px, key) {
			continue
		}
		seen[key] = true
		out = append(out, "\""+d.Text()+"\"")
	}
	return out
}

// inheritedSettingKey names what a defaults line sets: "timeout client", "option
// httplog" (also for "no option httplog"), or its keyword.
func inheritedSettingKey(d *lint.Directive) string {
	switch {
	case d.Is("no", "option"):
		return "option " + d.Arg(2).Text()
	case d.Is("timeout"), d.Is("option"):
		return d.Keyword() + " " + d.Arg(1).Text()
	}
	return d.Keyword()
}

// noOptionSet reports whether px itself writes "no option X" for key
// "option X".
func noOptionSet(px *lint.Section, key string) bool {
	name, ok := strings.CutPrefix(key, "option ")
	return ok && px.Last("no", "option", name) != nil
}

// frontendOnly and backendOnly are defaults settings that concern one side.
var (
	frontendOnly = map[string]bool{"timeout client": true, "timeout http-request": true, "timeout client-fin": true,
		"timeout http-keep-alive": true, "default_backend": true}
	backendOnly = map[string]bool{"timeout server": true, "timeout connect": true, "timeout queue": true,
		"timeout tunnel": true, "timeout check": true, "timeout server-fin": true, "balance": true, "retries": true,
		"retry-on": true, "option redispatch": true, "default-server": true, "http-reuse": true,
		"option httpchk": true, "cookie": true}
)

func concernsSide(key string, px *lint.Section) bool {
	switch {
	case px.Kind == "frontend":
		return !backendOnly[key]
	case px.Kind == "backend":
		return !frontendOnly[key]
	}
	return true
}

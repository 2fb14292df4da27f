package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// HTTPCheckNoHost reports HTTP/1.1 health checks sent without a Host
// header.
var HTTPCheckNoHost = &lint.Rule{
	ID:       "HG304",
	Name:     "httpchk-without-host",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "HTTP/1.1 health check without a Host header",
		Why: `HTTP/1.1 requires a Host header, and HAProxy does not add one to health
checks: "option httpchk GET /health HTTP/1.1" sends exactly the request line
and "connection: close". Servers and frameworks that enforce the standard
answer 400, name-based virtual hosts answer 404 or the wrong site, so the check
fails and every server is marked DOWN: the backend answers 503. HTTP/1.0
checks (the default) need no Host.`,
		Bad:    "backend be_app\n    option httpchk GET /health HTTP/1.1",
		Good:   "backend be_app\n    option httpchk\n    http-check send meth GET uri /health ver HTTP/1.1 hdr Host app.example.com",
		Fix:    "Add \"http-check send ... hdr Host <name>\", or use HTTP/1.0.",
		Manual: "configuration.txt §4.2 \"option httpchk\", \"http-check send\"",
		Since:  "0.1.0",
	},
	Run: runHTTPCheckNoHost,
}

func runHTTPCheckNoHost(p *lint.Pass) error {
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		protocol, opt := checkProtocol(s)
		if protocol != "httpchk" || !hasCheckedServer(p.Config, s) {
			continue
		}
		version, where := httpCheckVersion(s, opt)
		if !strings.EqualFold(version, "HTTP/1.1") || httpCheckHasHost(s, opt) {
			continue
		}
		p.ReportWord(where.d, where.i,
			"%s %q health check sends HTTP/1.1 without a Host header: servers that require it answer 400 and are marked DOWN",
			s.Kind, s.Name)
	}
	return nil
}

// wordRef points at one word of a directive.
type wordRef struct {
	d *lint.Directive
	i int
}

// httpCheckVersion returns the HTTP version of the check request: the last
// "ver" of "http-check send" rules, else the third argument of "option
// httpchk" (before any "\r\n" headers hidden in it), else HTTP/1.0.
func httpCheckVersion(s *lint.Section, opt *lint.Directive) (string, wordRef) {
	version, where := "HTTP/1.0", wordRef{opt, 0}
	if len(opt.Words) > 4 {
		v, _, _ := strings.Cut(opt.Arg(4).Text, "\r\n")
		version, where = v, wordRef{opt, 4}
	}
	for _, d := range checkRuleLines(s, "http-check") {
		if !d.Is("http-check", "send") {
			continue
		}
		for i := 2; i+1 < len(d.Words); i++ {
			if d.Words[i].Text == "ver" {
				version, where = d.Words[i+1].Text, wordRef{d, i + 1}
			}
		}
	}
	return version, where
}

// httpCheckHasHost reports whether the check request carries a Host
// header, through "http-check send hdr Host" or the legacy headers hidden
// in the version of "option httpchk".
func httpCheckHasHost(s *lint.Section, opt *lint.Directive) bool {
	if strings.Contains(strings.ToLower(opt.Arg(4).Text), "\nhost:") {
		return true
	}
	for _, d := range checkRuleLines(s, "http-check") {
		if !d.Is("http-check", "send") {
			continue
		}
		for i := 2; i+1 < len(d.Words); i++ {
			if d.Words[i].Text == "hdr" && strings.EqualFold(d.Words[i+1].Text, "host") {
				return true
			}
		}
	}
	return false
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

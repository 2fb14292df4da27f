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
		Bad:    "backend be_app\n    option httpchk GET /health HTTP/1.1\n    server s1 10.0.0.1:8080 check",
		Good:   "backend be_app\n    option httpchk\n    http-check send meth GET uri /health ver HTTP/1.1 hdr Host app.example.com\n    server s1 10.0.0.1:8080 check",
		Fix:    "Add \"http-check send ... hdr Host <name>\", or use HTTP/1.0.",
		Manual: "configuration.txt §4.2 \"option httpchk\", \"http-check send\" (\"the Host field is mandatory in HTTP/1.1\")",
		Since:  "0.1.0",
	},
	Run: runHTTPCheckNoHost,
}

func runHTTPCheckNoHost(p *lint.Pass) error {
	seen := map[lint.Pos]bool{} // a defaults line shared by several backends is reported once
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		protocol, opt := checkProtocol(s)
		if protocol != "httpchk" || !hasHTTP1CheckedServer(p.Config, s) {
			continue
		}
		for _, req := range httpCheckRequests(s, opt) {
			if strings.EqualFold(req.version, "HTTP/1.1") && !req.host {
				pos := req.where.d.PosOf(req.where.i)
				if seen[pos] {
					break
				}
				seen[pos] = true
				p.ReportWord(req.where.d, req.where.i,
					"%s %q health check sends HTTP/1.1 without a Host header: servers that require it answer 400 and are marked DOWN",
					s.Kind, s.Name)
				break
			}
		}
	}
	return nil
}

// wordRef points at one word of a directive.
type wordRef struct {
	d *lint.Directive
	i int
}

// checkRequest is one HTTP request of a health check.
type checkRequest struct {
	version string
	host    bool
	where   wordRef // the word that set the version
}

// httpCheckRequests returns the requests a health check sends. The first
// "http-check send" completes the request line of "option httpchk"; later
// ones are new requests, HTTP/1.0 unless they say otherwise. Headers hidden
// after the version of "option httpchk" (the pre-2.2 way) count.
func httpCheckRequests(s *lint.Section, opt *lint.Directive) []checkRequest {
	first := checkRequest{version: "HTTP/1.0", where: wordRef{opt, 0}}
	if len(opt.Words) > 4 {
		v, headers, _ := strings.Cut(opt.Arg(4).Text(), "\r\n")
		first.version, first.where = v, wordRef{opt, 4}
		first.host = strings.Contains(strings.ToLower("\r\n"+headers), "\nhost:")
	}
	var out []checkRequest
	for _, d := range checkRuleLines(s, "http-check") {
		if !d.Is("http-check", "send") {
			continue
		}
		req := checkRequest{version: "HTTP/1.0", where: wordRef{d, 1}}
		if len(out) == 0 {
			req = first
		}
		applySendArgs(d, &req)
		out = append(out, req)
	}
	if len(out) == 0 {
		out = append(out, first)
	}
	return out
}

// applySendArgs applies the "ver" and "hdr" arguments of an http-check
// send rule to req.
func applySendArgs(d *lint.Directive, req *checkRequest) {
	for i := 2; i+1 < len(d.Words); i++ {
		switch d.Words[i].Text() {
		case "ver":
			req.version, req.where = d.Words[i+1].Text(), wordRef{d, i + 1}
		case "hdr":
			req.host = req.host || strings.EqualFold(d.Words[i+1].Text(), "host")
		}
	}
}

// hasHTTP1CheckedServer reports whether any server of s runs health checks
// over HTTP/1 (an h2 check carries the authority differently).
func hasHTTP1CheckedServer(cfg *lint.Config, s *lint.Section) bool {
	for _, v := range s.EffectiveServers() {
		if !v.Checked() {
			continue
		}
		proto, _, ok := v.Option("check-proto")
		if !ok {
			proto, _, ok = v.Option("proto")
		}
		if !ok || proto.Value != "h2" {
			return true
		}
	}
	return false
}

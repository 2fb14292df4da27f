package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// UnreachableBackend reports backends that nothing routes to.
var UnreachableBackend = &lint.Rule{
	ID:       "HG506",
	Name:     "unreachable-backend",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "Backend that no frontend can reach",
		Why: `A backend that no use_backend or default_backend names receives no traffic. It
is either dead configuration, or the sign of a missing or mistyped routing
rule: the requests meant for it go to the default backend, or get 503 when
there is none. Backends named anywhere else (tracked servers "be/srv", stick
tables, sample fetches such as nbsrv(be)) are not reported, nor is any
backend when a frontend routes by a run-time name ("%[...]") or an SPOE
filter names its agents' backend in another file.`,
		Bad: `frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_web
backend be_web
    server web1 10.0.0.1:8080
backend be_api
    server api1 10.0.0.2:8080`,
		Good: `frontend fe_main
    bind 127.0.0.1:8080
    use_backend be_api if { path_beg /api }
    default_backend be_web
backend be_web
    server web1 10.0.0.1:8080
backend be_api
    server api1 10.0.0.2:8080`,
		Fix:    "Add the missing use_backend rule, or delete the backend.",
		Manual: "configuration.txt §4.2 \"use_backend\", \"default_backend\"",
		Since:  "0.1.0",
	},
	Run: runUnreachableBackend,
}

func runUnreachableBackend(p *lint.Pass) error {
	rt := analyzeRouting(p.Config, p.Options)
	if rt.dynamic || usesSPOE(p.Config) {
		return nil
	}
	candidates := map[string]*lint.Section{}
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		if _, ok := rt.reached(s); ok || proxyDisabled(s) || s.Name == "" {
			continue
		}
		if s.Kind == "listen" && listensItself(s) {
			continue // it takes traffic itself and hands it on
		}
		candidates[s.Name] = s
	}
	dropReferenced(p.Config, candidates)
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		if candidates[s.Name] == s {
			p.ReportWord(s.Header, 1, "no frontend or listen section routes to %s %q: it receives no traffic", s.Kind, s.Name)
		}
	}
	return nil
}

// dropReferenced removes from candidates the names that appear as a token
// of any directive but the routing ones (analyzeRouting judges those):
// backend names appear in "track be/srv", "table be", "nbsrv(be)" and the
// like. Section headers do not count.
func dropReferenced(cfg *lint.Config, candidates map[string]*lint.Section) {
	if len(candidates) == 0 {
		return
	}
	for _, s := range cfg.Sections {
		for _, d := range s.Directives {
			if d.Is("use_backend") || d.Is("default_backend") {
				continue
			}
			for _, w := range d.Args() {
				for _, tok := range strings.FieldsFunc(w.Text(), isNameSeparator) {
					delete(candidates, tok)
				}
			}
		}
	}
}

func isNameSeparator(r rune) bool { return strings.ContainsRune("/(),{}[]\"'% \t=", r) }

// usesSPOE reports whether an SPOE filter is configured: its agents'
// backend is named in the SPOE file, which the linter does not read.
func usesSPOE(cfg *lint.Config) bool {
	seen := map[*lint.Section]bool{}
	for _, s := range cfg.Proxies() {
		// Each section is read once, however many proxies inherit from it.
		for sec := s; sec != nil && !seen[sec]; sec = sec.Defaults {
			if sec.Kind == "defaults" {
				seen[sec] = true
			}
			if sec.Last("filter", "spoe") != nil {
				return true
			}
		}
	}
	return false
}

// listensItself reports whether a frontend or listen section has addresses
// of its own to accept traffic on: bind lines, or the 1.x address on its
// header line (which HAProxy refuses: HG012 reports it, and nothing else
// should pile onto it).
func listensItself(s *lint.Section) bool {
	return len(s.Find("bind")) > 0 || headerHasAddress(s.Header)
}

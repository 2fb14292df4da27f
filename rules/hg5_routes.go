package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// route is one way a frontend or listen section hands traffic to a backend:
// a use_backend rule or the default_backend in effect.
type route struct {
	From      *lint.Section   // the frontend or listen section that routes
	Directive *lint.Directive // use_backend or default_backend, maybe in a defaults section
	// Target is the backend name after expanding quoted environment
	// variables; empty when Dynamic.
	Target string
	// Dynamic is true for log-format names resolved at run time and for
	// names built from variables the supplied environment does not set.
	Dynamic     bool
	Conditional bool // use_backend ... if|unless
	Inherited   bool // default_backend inherited from a defaults section
}

// routesOf returns the use_backend rules of a frontend or listen section,
// in order, then the default_backend in effect, if any.
func routesOf(s *lint.Section, opts lint.Options) []route {
	if !s.HasFrontend() {
		return nil
	}
	var out []route
	for _, d := range s.Find("use_backend") {
		if r, ok := newRoute(s, d, opts); ok {
			r.Conditional = !alwaysTrue(d)
			out = append(out, r)
		}
	}
	if d := s.Effective("default_backend"); d != nil {
		if r, ok := newRoute(s, d, opts); ok {
			r.Inherited = d.Section != s
			out = append(out, r)
		}
	}
	return out
}

func newRoute(s *lint.Section, d *lint.Directive, opts lint.Options) (route, bool) {
	if len(d.Words) < 2 || d.Words[1].Text == "" {
		return route{}, false
	}
	r := route{From: s, Directive: d}
	r.Target, r.Dynamic = backendName(d.Words[1], opts)
	return r, true
}

// backendName resolves a backend name word. HAProxy expands environment
// variables only inside double quotes (manual §2.3) and treats a name with
// '%' as a log-format expression evaluated per request.
func backendName(w lint.Word, opts lint.Options) (name string, dynamic bool) {
	if strings.Contains(w.Text, "%") {
		return "", true
	}
	if !w.VarsQuoted() {
		return w.Text, false
	}
	for _, v := range w.Vars() {
		if opts.Env == nil && !v.HasDefault {
			return "", true
		}
	}
	return w.Expand(opts.LookupEnv), false
}

// unconditional reports whether the route takes every request it sees. A
// dynamic name that resolves to no backend falls through to default_backend,
// but is usually built with a fallback (a map with a default value), so an
// unconditional dynamic rule counts as taking everything.
func (r route) unconditional() bool { return !r.Conditional }

// describe names the section that routes, for messages.
func (r route) describe() string { return r.From.Kind + " \"" + r.From.Name + "\"" }

// routing is the static picture of which backends receive traffic.
type routing struct {
	routes []route
	// routedTo maps each backend or listen section named by a static route
	// of an enabled frontend or listen section to the first such route.
	routedTo map[*lint.Section]route
	// serving holds the listen sections that accept traffic on their own
	// bind lines and keep at least part of it for their own servers.
	serving map[*lint.Section]bool
	// dynamic is true when an enabled section routes by a run-time name, so
	// that any backend may be reached.
	dynamic bool
}

// analyzeRouting collects the routes of every frontend and listen section.
// Disabled proxies carry no traffic and reach nothing.
func analyzeRouting(cfg *lint.Config, opts lint.Options) *routing {
	return cfg.Memo(routingKey{}, func() any { return buildRouting(cfg, opts) }).(*routing)
}

// routingKey is the Memo key of analyzeRouting: the options are the same
// for every rule of a run.
type routingKey struct{}

func buildRouting(cfg *lint.Config, opts lint.Options) *routing {
	rt := &routing{routedTo: map[*lint.Section]route{}, serving: map[*lint.Section]bool{}}
	for _, s := range cfg.SectionsOf("frontend", "listen") {
		if proxyDisabled(s) {
			continue
		}
		routes := routesOf(s, opts)
		if s.Kind == "listen" && len(s.Find("bind")) > 0 && !hasCatchAll(routes) {
			rt.serving[s] = true
		}
		for _, r := range routes {
			rt.routes = append(rt.routes, r)
			rt.mark(cfg, r)
		}
	}
	return rt
}

func (rt *routing) mark(cfg *lint.Config, r route) {
	if r.Dynamic {
		rt.dynamic = true
		return
	}
	be := cfg.Backend(r.Target)
	if be == nil {
		return
	}
	if _, seen := rt.routedTo[be]; !seen {
		rt.routedTo[be] = r
	}
}

// reached reports whether traffic comes to the servers of s: a static
// route names it, or it is a listen section serving its own bind lines (the
// zero route).
func (rt *routing) reached(s *lint.Section) (route, bool) {
	if r, ok := rt.routedTo[s]; ok {
		return r, true
	}
	return route{}, rt.serving[s]
}

// hasCatchAll reports whether some route takes every request that reaches
// it, so that a listen section's own servers never see traffic.
func hasCatchAll(routes []route) bool {
	for _, r := range routes {
		if r.unconditional() {
			return true
		}
	}
	return false
}

// proxyDisabled reports whether the "disabled" keyword is in effect for a
// proxy, taking "enabled" and defaults inheritance into account.
func proxyDisabled(s *lint.Section) bool {
	for sec := s; sec != nil; sec = sec.Defaults {
		for i := len(sec.Directives) - 1; i >= 0; i-- {
			d := sec.Directives[i]
			if len(d.Words) != 1 {
				continue
			}
			switch d.Keyword() {
			case "disabled":
				return true
			case "enabled":
				return false
			}
		}
	}
	return false
}

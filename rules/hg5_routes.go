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

func newRoute(s *lint.Section, d *lint.Directive, opts lint.Options) (route, bool) {
	if len(d.Words) < 2 || d.Words[1].Text() == "" {
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
	if strings.Contains(w.Text(), "%") {
		return "", true
	}
	if !w.VarsQuoted() {
		return w.Text(), false
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

// routing is the static picture of which backends receive traffic,
// computed once per configuration (analyzeRouting) and read by every rule
// that follows traffic from frontends to backends.
type routing struct {
	// frontends are the enabled frontend and listen sections, in load order.
	frontends []*frontendRouting
	// of maps each enabled frontend or listen section to its entry.
	of     map[*lint.Section]*frontendRouting
	routes []route
	// toName holds the static routes by the backend name they resolve to.
	toName map[string][]route
	// routedTo maps each backend or listen section named by a static route
	// of an enabled frontend or listen section to the first such route.
	routedTo map[*lint.Section]route
	// serving holds the listen sections that accept traffic on their own
	// bind lines and keep at least part of it for their own servers.
	serving map[*lint.Section]bool
	// dynamic is true when an enabled section routes by a run-time name, so
	// that any backend may be reached.
	dynamic bool
	// reachedBackends are the enabled backend and listen sections that
	// receive traffic, in load order.
	reachedBackends []*lint.Section
}

// frontendRouting is what one enabled frontend or listen section routes
// and the facts its routes are judged by.
type frontendRouting struct {
	Section *lint.Section
	Mode    string  // the effective mode ("http" or "tcp")
	Routes  []route // use_backend rules in order, then the default_backend
	// acls indexes the section's own ACL definitions by name (an ACL of a
	// defaults section is not visible from the proxies using it, manual
	// §4.2 "acl").
	acls map[string][]*lint.Directive
}

// ACL returns the definitions of the named ACL in the section, in order
// (several lines of one name complete each other).
func (f *frontendRouting) ACL(name string) []*lint.Directive { return f.acls[name] }

// analyzeRouting collects the routes of every frontend and listen section.
// Disabled proxies carry no traffic and reach nothing.
func analyzeRouting(cfg *lint.Config, opts lint.Options) *routing {
	return cfg.Memo(routingKey{}, func() any { return buildRouting(cfg, opts) }).(*routing)
}

// routingKey is the Memo key of analyzeRouting: the options are the same
// for every rule of a run.
type routingKey struct{}

func buildRouting(cfg *lint.Config, opts lint.Options) *routing {
	backends := len(cfg.SectionsOf("backend", "listen"))
	rt := &routing{of: map[*lint.Section]*frontendRouting{}, toName: make(map[string][]route, backends),
		routedTo: make(map[*lint.Section]route, backends), serving: map[*lint.Section]bool{}}
	for _, s := range cfg.SectionsOf("frontend", "listen") {
		if proxyDisabled(s) {
			continue
		}
		f := newFrontendRouting(s, opts)
		rt.frontends = append(rt.frontends, f)
		rt.of[s] = f
		if s.Kind == "listen" && listensItself(s) && !hasCatchAll(f.Routes) {
			rt.serving[s] = true
		}
		for _, r := range f.Routes {
			rt.routes = append(rt.routes, r)
			rt.mark(cfg, r)
		}
	}
	for _, s := range cfg.SectionsOf("backend", "listen") {
		if _, ok := rt.reached(s); ok && !proxyDisabled(s) {
			rt.reachedBackends = append(rt.reachedBackends, s)
		}
	}
	return rt
}

// newFrontendRouting reads a frontend or listen section's routes, mode and
// ACLs in one pass over its directives.
func newFrontendRouting(s *lint.Section, opts lint.Options) *frontendRouting {
	f := &frontendRouting{Section: s, acls: map[string][]*lint.Directive{}}
	f.Mode, _ = s.Mode()
	for _, d := range s.Directives {
		switch {
		case d.Is("use_backend"):
			if r, ok := newRoute(s, d, opts); ok {
				r.Conditional = !alwaysTrue(d)
				f.Routes = append(f.Routes, r)
			}
		case d.Is("acl") && len(d.Words) >= 2:
			f.acls[d.Arg(1).Text()] = append(f.acls[d.Arg(1).Text()], d)
		}
	}
	if r, ok := defaultRoute(s, opts); ok {
		f.Routes = append(f.Routes, r)
	}
	return f
}

// defaultRoute returns the default_backend in effect for s, if any.
func defaultRoute(s *lint.Section, opts lint.Options) (route, bool) {
	d := s.Effective("default_backend")
	if d == nil {
		return route{}, false
	}
	r, ok := newRoute(s, d, opts)
	r.Inherited = d.Section != s
	return r, ok
}

// routesOf returns the routes of an enabled frontend or listen section, in
// order (nil for other sections).
func (rt *routing) routesOf(s *lint.Section) []route {
	if f := rt.of[s]; f != nil {
		return f.Routes
	}
	return nil
}

func (rt *routing) mark(cfg *lint.Config, r route) {
	if r.Dynamic {
		rt.dynamic = true
		return
	}
	rt.toName[r.Target] = append(rt.toName[r.Target], r)
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
	d := s.Inherit("enabled or disabled", func(sec *lint.Section) *lint.Directive {
		on, off := lastAlone(sec, "enabled"), lastAlone(sec, "disabled")
		if on == nil || off != nil && on.Pos().Before(off.Pos()) {
			return off
		}
		return on
	})
	return d != nil && d.Is("disabled")
}

// lastAlone returns the section's last line that is exactly keyword, or nil.
func lastAlone(s *lint.Section, keyword string) *lint.Directive {
	lines := s.Find(keyword)
	for i := len(lines) - 1; i >= 0; i-- {
		if len(lines[i].Words) == 1 {
			return lines[i]
		}
	}
	return nil
}

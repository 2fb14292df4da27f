package rules

import (
	"fmt"

	"github.com/hapguard/hapguard/lint"
)

// DuplicateSection reports a section whose name is already taken by an
// earlier section it collides with.
var DuplicateSection = &lint.Rule{
	ID:       "HG002",
	Name:     "duplicate-section",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Two sections of the same kind share a name",
		Why: `HAProxy refuses to start when two backends, two frontends, a listen and any
other proxy, or two resolvers, peers, mailers, cache, ring, http-errors,
fcgi-app, program or log-forward sections carry the same name: the reload
fails and the old process keeps serving the old configuration, or nothing
serves at all on a fresh start. Tools built on config-parser silently keep
only the last section, so a review sees one backend while the file has two.
A frontend and a backend may share a name. Two defaults sections with the
same name, and two userlists, are accepted (the second userlist is ignored,
"from" takes the last defaults above it): those are warnings.`,
		Bad:            "backend be_app\n    server s1 10.0.0.1:8080\nbackend be_app\n    server s2 10.0.0.2:8080",
		Good:           "backend be_app\n    server s1 10.0.0.1:8080\n    server s2 10.0.0.2:8080",
		Fix:            "Merge the two sections, or rename one and update the use_backend/default_backend lines that name it.",
		Manual:         "configuration.txt §4 (Proxies); 2.6 §3.4-3.10 (userlists, peers, mailers, programs, http-errors, rings, log forwarding), §5.3.2 (resolvers), §6.2.1 (cache)",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runDuplicateSection,
}

// proxyLike are the section kinds that share HAProxy's proxy name space.
var proxyLike = map[string]bool{"frontend": true, "backend": true, "listen": true, "log-forward": true}

func runDuplicateSection(p *lint.Pass) error {
	byName := make(map[string][]*lint.Section, len(p.Config.Sections))
	for _, s := range p.Config.Sections {
		if s.Name == "" || s.Kind == "global" {
			continue
		}
		if first := firstCollision(byName[s.Name], s); first != nil {
			reportDuplicate(p, first, s)
		}
		byName[s.Name] = append(byName[s.Name], s)
	}
	return nil
}

// firstCollision returns the earliest of the same-named sections in seen
// that s collides with, or nil.
func firstCollision(seen []*lint.Section, s *lint.Section) *lint.Section {
	for _, prev := range seen {
		if sectionsCollide(prev.Kind, s.Kind) {
			return prev
		}
	}
	return nil
}

// sectionsCollide reports whether two section kinds share a name space. A
// frontend and a backend do not; a listen or a log-forward section collides
// with every proxy (haproxy 2.6: "proxy 'b' has the same name as ...").
func sectionsCollide(a, b string) bool {
	if a == b {
		return true
	}
	if !proxyLike[a] || !proxyLike[b] {
		return false
	}
	return !(a == "frontend" && b == "backend" || a == "backend" && b == "frontend")
}

func reportDuplicate(p *lint.Pass, first, s *lint.Section) {
	d := lint.Diagnostic{Pos: s.Header.PosOf(1), End: s.Header.EndOf(1)}
	switch s.Kind {
	case "defaults":
		d.Severity = lint.Warning
		d.Message = fmt.Sprintf("defaults section %q is defined again (first at %s): HAProxy accepts it, and every \"from %s\" below takes this one",
			s.Name, first.Pos(), s.Name)
	case "userlist":
		d.Severity = lint.Warning
		d.Message = fmt.Sprintf("userlist %q is defined again (first at %s): HAProxy ignores this second one and its users",
			s.Name, first.Pos())
	default:
		d.Message = fmt.Sprintf("%s %q has the same name as the %s at %s: HAProxy refuses to start",
			s.Kind, s.Name, first.Kind, first.Pos())
	}
	p.Report(d)
}

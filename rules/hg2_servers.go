package rules

import (
	"net/netip"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// namedServer is a server or server-template line whose address is a name
// HAProxy resolves: a host name or an SRV label.
type namedServer struct {
	View    lint.Server
	Section *lint.Section
	Host    string
	// SRV is true for SRV labels ("_http._tcp.svc"): only resolvers can
	// resolve them (configuration manual §5.3.1).
	SRV bool
}

// Line returns the server's own line.
func (n namedServer) Line() *lint.ServerLine { return n.View.Line }

// Localhost reports whether the name is "localhost" or under ".localhost":
// it comes from /etc/hosts, never from DNS, and never changes (RFC 6761).
func (n namedServer) Localhost() bool {
	h := strings.TrimSuffix(strings.ToLower(n.Host), ".")
	return h == "localhost" || strings.HasSuffix(h, ".localhost")
}

// namedServers returns every server of every backend and listen section
// addressed by a name. Addresses holding a variable whose value is unknown
// are left out: the linter cannot tell a name from an IP there.
func namedServers(p *lint.Pass) []namedServer {
	return p.Config.Memo(namedServersKey{}, func() any { return buildNamedServers(p) }).([]namedServer)
}

// namedServersKey is the Memo key of namedServers.
type namedServersKey struct{}

func buildNamedServers(p *lint.Pass) []namedServer {
	var out []namedServer
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		for _, v := range s.EffectiveServers() {
			a := lint.ParseAddress(v.Line.Addr(), p.Options)
			if a.Family != lint.FamilyHostname || a.HostUnknown || a.Host == "" {
				continue
			}
			out = append(out, namedServer{View: v, Section: s, Host: a.Host, SRV: strings.HasPrefix(a.Host, "_")})
		}
	}
	return out
}

// initAddr is the init-addr list in effect for a server.
type initAddr struct {
	Methods []string
	// Source is the option that set the list; zero when the default applies.
	Source   lint.OptionSource
	Explicit bool
}

// effectiveInitAddr returns the server's init-addr methods. Unset, HAProxy
// uses "last,libc", and adds "none" when the server has resolvers
// (configuration manual §5.2 "init-addr"; srv_iterate_initaddr()).
func effectiveInitAddr(v lint.Server) initAddr {
	if src, ok := v.Source("init-addr"); ok {
		return initAddr{Methods: strings.Split(src.Option.Value, ","), Source: src, Explicit: true}
	}
	if _, ok := v.Source("resolvers"); ok {
		return initAddr{Methods: []string{"last", "libc", "none"}}
	}
	return initAddr{Methods: []string{"last", "libc"}}
}

// Has reports whether the list holds the named method.
func (ia initAddr) Has(method string) bool {
	for _, m := range ia.Methods {
		if strings.TrimSpace(m) == method {
			return true
		}
	}
	return false
}

// HasIP reports whether the list holds a fixed IP address.
func (ia initAddr) HasIP() bool {
	for _, m := range ia.Methods {
		if _, err := netip.ParseAddr(strings.TrimSpace(m)); err == nil {
			return true
		}
	}
	return false
}

// CanStartUnresolved reports whether a name that does not resolve still
// lets HAProxy start: the list ends in "none" or a fixed IP.
func (ia initAddr) CanStartUnresolved() bool { return ia.Has("none") || ia.HasIP() }

// String returns the list as written.
func (ia initAddr) String() string { return strings.Join(ia.Methods, ",") }

// resolversSection returns the resolvers section called name, or nil.
func resolversSection(cfg *lint.Config, name string) *lint.Section {
	return cfg.Section("resolvers", name)
}

// implicitDefaultResolvers reports whether name is the "default" resolvers
// section HAProxy builds from /etc/resolv.conf when none is declared
// (configuration manual 2.6 and 3.2 §5.3.2). Older versions are not told
// apart: the reference manuals start at 2.6, and a false alarm costs more.
func implicitDefaultResolvers(name string) bool { return name == "default" }

// hasNameservers reports whether a resolvers section has a nameserver or
// takes them from /etc/resolv.conf.
func hasNameservers(s *lint.Section) bool {
	return len(s.Find("nameserver")) > 0 || len(s.Find("parse-resolv-conf")) > 0
}

// resolvedOnceAtStartup reports whether a named server is resolved by libc
// (or given a fixed IP) at startup and never again: no resolvers, not
// localhost, not an SRV label. HG201 owns these servers; HG202 leaves them.
func resolvedOnceAtStartup(n namedServer) bool {
	if n.SRV || n.Localhost() {
		return false
	}
	if _, ok := n.View.Source("resolvers"); ok {
		return false
	}
	ia := effectiveInitAddr(n.View)
	return ia.Has("libc") || ia.HasIP() // otherwise never resolved at all: HG206
}

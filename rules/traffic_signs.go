package rules

import (
	"slices"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// trafficSigns describe a kind of traffic (WebSocket, gRPC) as it shows in
// a configuration: parts of a backend name, or words of its lines and of
// the conditions routing to it.
type trafficSigns struct {
	nameParts []string          // whole parts of a backend name ("ws" in "be_ws")
	word      func(string) bool // a sign in any word
	// routeWord, when set, is a weaker sign that counts only in the
	// conditions of routes from frontends that routeFrom accepts.
	routeWord func(string) bool
	routeFrom func(*lint.Section) bool
	// acls remembers which ACLs hold a sign: many routes may name one ACL
	// of many lines; from remembers routeFrom's answers (many routes leave
	// one frontend of many bind lines). One trafficSigns serves one rule's
	// run.
	acls map[aclSignKey]bool
	from map[*lint.Section]bool
}

// aclSignKey names one ACL of one frontend, for the word sign or the weak
// routeWord sign.
type aclSignKey struct {
	f    *frontendRouting
	name string
	weak bool
}

// trafficEvidence returns where traffic of this kind to s shows, or "":
// its name (a part not preceded by "no"/"non"), one of its lines, or a
// use_backend rule routing to it.
func trafficEvidence(rt *routing, s *lint.Section, signs trafficSigns) string {
	prev := ""
	for part := range strings.FieldsFuncSeq(strings.ToLower(s.Name), func(r rune) bool { return r == '-' || r == '_' || r == '.' }) {
		negated := prev == "no" || prev == "non"
		if !negated && slices.Contains(signs.nameParts, part) {
			return "its name"
		}
		prev = part
	}
	for _, d := range s.Directives {
		if hasSign(d.Words, signs.word) {
			return "line " + d.Pos().String()
		}
	}
	for _, r := range rt.toName[s.Name] {
		if signs.routeShows(rt.of[r.From], r, false) {
			return "routed by " + r.Directive.Pos().String()
		}
		if signs.routeWord != nil && signs.fromAccepted(r.From) && signs.routeShows(rt.of[r.From], r, true) {
			return "routed by " + r.Directive.Pos().String()
		}
	}
	return ""
}

// fromAccepted reports routeFrom(f), each frontend judged once.
func (t trafficSigns) fromAccepted(f *lint.Section) bool {
	accepted, ok := t.from[f]
	if !ok {
		accepted = t.routeFrom(f)
		t.from[f] = accepted
	}
	return accepted
}

// sign returns the word sign, or the weak routeWord sign.
func (t trafficSigns) sign(weak bool) func(string) bool {
	if weak {
		return t.routeWord
	}
	return t.word
}

// routeShows reports whether a use_backend rule's condition, or an ACL of
// its section that the condition names, holds a sign.
func (t trafficSigns) routeShows(f *frontendRouting, r route, weak bool) bool {
	words, _, ok := condition(r.Directive)
	if !ok || !r.Directive.Is("use_backend") {
		return false
	}
	sign := t.sign(weak)
	for _, word := range words {
		w := word.Text()
		if sign(w) || t.aclShows(f, strings.TrimPrefix(w, "!"), weak) {
			return true
		}
	}
	return false
}

// aclShows reports whether a line of the named ACL of f holds the sign,
// each ACL judged once.
func (t trafficSigns) aclShows(f *frontendRouting, name string, weak bool) bool {
	k := aclSignKey{f, name, weak}
	if shows, ok := t.acls[k]; ok {
		return shows
	}
	shows := false
	for _, acl := range f.ACL(name) {
		if hasSign(acl.Words[2:], t.sign(weak)) {
			shows = true
			break
		}
	}
	t.acls[k] = shows
	return shows
}

func hasSign(words []lint.Word, sign func(string) bool) bool {
	for _, w := range words {
		if sign(w.Text()) {
			return true
		}
	}
	return false
}

package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// guard is the condition of one rule that ends a request's routing (a
// use_backend, a redirect, a deny...), as a conjunction of terms. A term is
// a named ACL or an anonymous "{ ... }" ACL, with its negation.
type guard struct {
	terms []guardTerm
}

type guardTerm struct {
	acl     string // "is_api", "{ path_beg /api }"
	negated bool
}

// parseGuard reads the condition of d. ok is false when the condition is
// beyond this simple reading ("||", "or", "unless" over several terms).
// A rule without a condition is a guard without terms.
func parseGuard(d *lint.Directive) (g guard, ok bool) {
	words, unless, has := condition(d)
	if !has {
		return guard{}, true
	}
	for i := 0; i < len(words); i++ {
		w := words[i].Text()
		if w == "||" || w == "or" {
			return guard{}, false
		}
		neg := false
		if w == "!" && i+1 < len(words) {
			neg, i, w = true, i+1, words[i+1].Text()
		} else if strings.HasPrefix(w, "!") {
			neg, w = true, strings.TrimPrefix(w, "!")
		}
		if w == "{" {
			end := i
			for end < len(words) && words[end].Text() != "}" {
				end++
			}
			w = "{" // words[i] may be "!{"
			if rest := words[i+1 : min(end+1, len(words))]; len(rest) > 0 {
				w += " " + lint.JoinWords(rest, " ")
			}
			i = end
		}
		g.terms = append(g.terms, guardTerm{acl: w, negated: neg})
	}
	if unless {
		if len(g.terms) != 1 {
			return guard{}, false
		}
		g.terms[0].negated = !g.terms[0].negated
	}
	return g, true
}

// withoutKnown drops the terms whose value the frontend fixes: "{ ssl_fc }"
// is false when no bind line of s speaks TLS (and "!{ ssl_fc }" true), and
// the predefined ACLs TRUE and FALSE. always reports a term that is always
// false, which makes the whole guard never match.
func (g guard) withoutKnown(s *lint.Section) (out guard, never bool) {
	tls := bindsTLS(s)
	for _, t := range g.terms {
		var value, known bool
		switch t.acl {
		case "{ ssl_fc }":
			value, known = tls, !tls // a TLS bind beside a clear one leaves it open
		case "TRUE", "{ always_true }":
			value, known = true, true
		case "FALSE", "{ always_false }":
			value, known = false, true
		}
		if !known {
			out.terms = append(out.terms, t)
			continue
		}
		if value == t.negated {
			return guard{}, true
		}
	}
	return out, false
}

// bindsTLS reports whether a bind line of s accepts TLS.
func bindsTLS(s *lint.Section) bool {
	for _, d := range s.Find("bind") {
		for _, w := range d.Args() {
			if w.Text() == "ssl" || w.Text() == "quic" {
				return true
			}
		}
		if strings.HasPrefix(d.Arg(1).Text(), "quic") {
			return true
		}
	}
	return false
}

// coversEveryRequest reports whether the final actions and use_backend
// rules of a frontend together take every request: one of them has no
// condition left once the frontend's known facts are applied, or two of
// them test the same ACL, one negated ("use_backend a if X" beside
// "use_backend b if !X", "redirect scheme https if !{ ssl_fc }" on a
// frontend without TLS). HAProxy runs http-request rules and redirects
// before use_backend, whatever their order in the file.
func coversEveryRequest(s *lint.Section, routes []route) bool {
	var singles []guardTerm
	add := func(d *lint.Directive) bool {
		g, ok := parseGuard(d)
		if !ok {
			return false
		}
		g, never := g.withoutKnown(s)
		switch {
		case never:
			return false
		case len(g.terms) == 0:
			return true
		case len(g.terms) == 1:
			singles = append(singles, g.terms[0])
		}
		return false
	}
	for _, d := range s.Directives {
		if (isFinalAction(d) || d.Is("redirect")) && add(d) {
			return true
		}
	}
	for _, r := range routes {
		if !r.Dynamic && add(r.Directive) {
			return true
		}
	}
	seen := make(map[guardTerm]bool, len(singles))
	for _, t := range singles {
		if seen[guardTerm{acl: t.acl, negated: !t.negated}] {
			return true
		}
		seen[t] = true
	}
	return false
}

package rules

import (
	"slices"

	"github.com/hapguard/hapguard/lint"
)

// isFinalActionName reports whether an http-request or tcp-request action
// makes the proxy answer or drop the request itself, without any server.
func isFinalActionName(action string) bool {
	switch action {
	case "redirect", "deny", "return", "tarpit", "reject", "silent-drop", "use-service", "auth":
		return true
	}
	return false
}

// answersRequests reports whether s answers some requests without a
// server: a final http-request/tcp-request action (its own, or inherited
// from its defaults section), or statistics enabled in s itself (statistics
// enabled in a defaults section are on for every proxy and say nothing
// about this one's purpose). With onlyUnconditional, only final actions
// without if/unless count, so the proxy answers every request.
func answersRequests(s *lint.Section, onlyUnconditional bool) bool {
	if !onlyUnconditional && slices.ContainsFunc(s.Directives, servesStats) {
		return true
	}
	key := "final action"
	if onlyUnconditional {
		key = "unconditional final action"
	}
	return s.Inherit(key, func(sec *lint.Section) *lint.Directive {
		for _, d := range sec.Directives {
			if isFinalAction(d) && (!onlyUnconditional || !hasCondition(d)) {
				return d
			}
		}
		return nil
	}) != nil
}

func servesStats(d *lint.Directive) bool {
	return d.Is("stats", "enable") || d.Is("stats", "uri")
}

// isFinalAction recognises "http-request ACTION", "tcp-request content
// ACTION" and "tcp-request connection|session ACTION" lines whose action
// is final.
func isFinalAction(d *lint.Directive) bool {
	i := 1
	switch d.Keyword() {
	case "http-request":
	case "tcp-request":
		i = 2
	default:
		return false
	}
	return isFinalActionName(d.Arg(i).Text())
}

func hasCondition(d *lint.Directive) bool {
	for _, w := range d.Args() {
		if w.Text() == "if" || w.Text() == "unless" {
			return true
		}
	}
	return false
}

// alwaysTrue reports whether a rule applies to every request: it has no
// if/unless, or its condition is one of HAProxy's predefined constant ACLs
// ("if TRUE", "unless FALSE", manual §7.4) or "{ always_true }".
func alwaysTrue(d *lint.Directive) bool {
	words, negated, ok := condition(d)
	if !ok {
		return true
	}
	switch lint.JoinWords(words, " ") {
	case "TRUE", "!FALSE", "{ always_true }":
		return !negated
	case "FALSE", "!TRUE", "{ always_false }":
		return negated
	}
	return false
}

// condition returns the words after the first if/unless of d, and whether
// that keyword was "unless".
func condition(d *lint.Directive) (words []lint.Word, negated, ok bool) {
	for i, w := range d.Words {
		if w.Text() == "if" || w.Text() == "unless" {
			return d.Words[i+1:], w.Text() == "unless", true
		}
	}
	return nil, false, false
}

// answersTheRest reports whether s answers, with a final action, exactly
// the requests its use_backend rules leave: "http-request deny unless X"
// beside "use_backend be if X" (the same condition, word for word). The
// conditions are indexed, so many rules cost no more than a pass over each.
func answersTheRest(s *lint.Section, routes []route) bool {
	opposite := map[string]bool{}
	for _, r := range routes {
		if words, negated, ok := condition(r.Directive); ok {
			opposite[conditionKey(words, !negated)] = true
		}
	}
	if len(opposite) == 0 {
		return false
	}
	for _, d := range s.Directives {
		if !isFinalAction(d) {
			continue
		}
		if words, negated, ok := condition(d); ok && opposite[conditionKey(words, negated)] {
			return true
		}
	}
	return false
}

// conditionKey identifies a condition by its words and polarity.
func conditionKey(words []lint.Word, negated bool) string {
	polarity := "if\x00"
	if negated {
		polarity = "unless\x00"
	}
	return polarity + lint.JoinWords(words, "\x00")
}

package rules

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// extraKeywords are keywords HAProxy accepts that the generated tables miss
// (documented outside the keyword lists of the manuals, or registered by
// HAProxy 2.6 without a manual entry, per `haproxy -dKcfg`). The value says
// which versions know them: "all" (checked against HAProxy 2.6.12), or
// "2.7" for keywords of the 3.2 manual that 2.6 rejects.
var extraKeywords = map[string]string{
	"master-worker":                       "all",
	"set-var-fmt":                         "all",
	"close-spread-time":                   "all",
	"thread-group":                        "all",
	"thread-groups":                       "all",
	"dynamic-cookie-key":                  "all",
	"stats show-modules":                  "all",
	"hash-balance-factor":                 "all",
	"max-session-srv-conns":               "all",
	"option accept-invalid-http-request":  "all",
	"option accept-invalid-http-response": "all",
	"thread-hard-limit":                   "2.7",
	"http-err-codes":                      "2.7",
	"http-fail-codes":                     "2.7",
	"quick-exit":                          "2.7",
	"limited-quic":                        "2.7",
	"no-quic":                             "2.7",
	"stress-level":                        "2.7",
	"acme.scheduler":                      "2.7",
	"setcap":                              "2.7",
	"ssl-f-use":                           "2.7",
	"option accept-unsafe-violations-in-http-request":  "2.7",
	"option accept-unsafe-violations-in-http-response": "2.7",
}

// fatalElsewhere are proxy keywords that HAProxy 2.6 rejects, rather than
// ignores with a warning, in a frontend or backend that cannot take them.
// Everything misplaced in a defaults section is rejected.
var fatalElsewhere = map[string]bool{
	"server": true, "server-template": true, "default-server": true, "declare capture": true,
	"retry-on": true, "use-fcgi-app": true, "tcp-request connection": true,
	"tcp-request session": true, "tcp-response content": true, "tcp-response inspect-delay": true,
}

// checkKeyword reports d's keyword if HAProxy does not take it here; it
// returns whether d is a known keyword worth checking further.
func checkKeyword(p *lint.Pass, d *lint.Directive) bool {
	if isRemovedKeyword(d) {
		return false // HG012 names the replacement
	}
	v := p.Options.HAProxyVersion
	kw, status := lint.KnownKeyword(keywordView(d), v)
	if status == lint.KeywordUnknown || status == lint.KeywordWrongVersion {
		if extraKnown(d, v) {
			return true
		}
	}
	kind := d.Section.Kind
	switch status {
	case lint.KeywordUnknown:
		p.ReportWord(d, 0, "unknown keyword %q in %s: HAProxy refuses the configuration", kw, sectionLabel(d.Section))
		return false
	case lint.KeywordWrongVersion:
		p.ReportWord(d, 0, "%q is not a keyword of HAProxy %s (it exists in %s): HAProxy %s refuses the configuration",
			kw, v, otherVersion(v), v)
		return false
	case lint.KeywordWrongPlace:
		reportWrongPlace(p, d, kw, kind)
	case lint.KeywordNotNegatable:
		p.ReportWord(d, 0, "%q is not supported: %q cannot be negated or reset with \"no\"/\"default\"; HAProxy refuses the configuration",
			kw, strings.SplitN(kw, " ", 2)[1])
		return false
	}
	return true
}

func reportWrongPlace(p *lint.Pass, d *lint.Directive, kw, kind string) {
	diag := lint.Diagnostic{Pos: d.PosOf(0), End: d.EndOf(0)}
	if kind == "defaults" || fatalElsewhere[kw] {
		diag.Message = fmt.Sprintf("%q is not allowed in %s: HAProxy refuses the configuration", kw, sectionLabel(d.Section))
	} else {
		diag.Severity = lint.Warning
		diag.Message = fmt.Sprintf("%q does not apply to a %s: HAProxy ignores it with a warning", kw, kind)
	}
	p.Report(diag)
}

// keywordView returns d with "name(arg)" words of the keyword part cut to
// "name", so that "http-check set-var(check.x)" matches "http-check set-var".
func keywordView(d *lint.Directive) *lint.Directive {
	if !hasArgForm(d) {
		return d
	}
	view := *d
	view.Words = append([]lint.Word(nil), d.Words...)
	for i := 1; i < len(view.Words) && i < 3; i++ {
		if j := strings.IndexByte(view.Words[i].Text, '('); j > 0 {
			view.Words[i].Text = view.Words[i].Text[:j]
		}
	}
	return &view
}

func hasArgForm(d *lint.Directive) bool {
	for i := 1; i < len(d.Words) && i < 3; i++ {
		if strings.IndexByte(d.Words[i].Text, '(') > 0 {
			return true
		}
	}
	return false
}

// extraKnown reports whether the first one to three words of d (after
// "no") name a keyword of extraKeywords available in v.
func extraKnown(d *lint.Directive, v lint.Version) bool {
	words := d.Words
	if words[0].Text == "no" && len(words) > 1 {
		words = words[1:]
	}
	for n := 1; n <= 3 && n <= len(words); n++ {
		parts := make([]string, n)
		for i := range n {
			parts[i] = words[i].Text
		}
		since, ok := extraKeywords[strings.Join(parts, " ")]
		if ok && availableSince(since, v) {
			return true
		}
	}
	return false
}

func availableSince(since string, v lint.Version) bool {
	if since == "all" {
		return true
	}
	first, err := lint.ParseVersion(since)
	return err == nil && !v.Less(first)
}

func otherVersion(v lint.Version) string {
	if v.AtLeast(2, 7) {
		return "HAProxy 2.6 and older only"
	}
	return "HAProxy 3.2"
}

func sectionLabel(s *lint.Section) string {
	switch {
	case s.Kind == "defaults" && s.Name == "":
		return "an anonymous defaults section"
	case s.Name == "":
		return "the " + s.Kind + " section"
	}
	return fmt.Sprintf("%s %q", s.Kind, s.Name)
}

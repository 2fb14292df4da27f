package rules

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

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
	kind := d.Section.Kind
	switch status {
	case lint.KeywordUnknown:
		p.ReportWord(d, 0, "unknown keyword %q in %s: HAProxy refuses the configuration", kw, sectionLabel(d.Section))
		return false
	case lint.KeywordWrongVersion:
		p.ReportWord(d, 0, "%q is not a keyword of HAProxy %s (it exists in HAProxy %s): HAProxy %s refuses the configuration",
			kw, v, lint.KeywordVersions(kind, kw), v)
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
		if loggingOnly[kw] {
			diag.Severity = lint.Info // ignored, but no request is affected
		}
		diag.Message = fmt.Sprintf("%q does not apply to a %s: HAProxy ignores it with a warning", kw, kind)
	}
	p.Report(diag)
}

// loggingOnly are keywords that only shape logs: where HAProxy ignores them,
// no request is affected, so the misplacement is hygiene (info).
var loggingOnly = map[string]bool{
	"option httplog": true, "option tcplog": true, "option httpslog": true, "option dontlognull": true,
	"option dontlog-normal": true, "option log-separate-errors": true, "option logasap": true,
	"log-format": true, "log-format-sd": true, "error-log-format": true, "log-tag": true,
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
		if j := strings.IndexByte(view.Words[i].Text(), '('); j > 0 {
			view.Words[i] = view.Words[i].WithText(view.Words[i].Text()[:j])
		}
	}
	return &view
}

func hasArgForm(d *lint.Directive) bool {
	for i := 1; i < len(d.Words) && i < 3; i++ {
		if strings.IndexByte(d.Words[i].Text(), '(') > 0 {
			return true
		}
	}
	return false
}

// availableSince reports whether v is since ("all", or a version such as
// "2.8") or newer.
func availableSince(since string, v lint.Version) bool {
	if since == "all" {
		return true
	}
	first, err := lint.ParseVersion(since)
	return err == nil && !v.Less(first)
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

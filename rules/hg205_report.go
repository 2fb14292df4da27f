package rules

import (
	"strconv"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// reportResolverDemand reports what the resolvers section called name lacks
// for its users: at its header when declared, else at the first server
// option naming it (the implicit "default" section).
func reportResolverDemand(p *lint.Pass, name string, d *resolverDemand) {
	sec := resolversSection(p.Config, name)
	if sec == nil && !implicitDefaultResolvers(name) {
		return // HG204
	}
	report := func(format string, args ...any) {
		if sec != nil {
			p.ReportWord(sec.Header, 1, format, args...)
			return
		}
		p.ReportWord(d.ReportedAt.Directive(), d.ReportedAt.Option.Index+1, format, args...)
	}
	if payload := payloadSize(sec); d.Payload > payload {
		by := d.PayloadBy.Line()
		report("resolvers %q accepts %d-byte DNS answers, but %s %q (%s) needs about %d: truncated answers drop servers; set accepted_payload_size 8192",
			name, payload, by.Directive.Keyword(), by.Name(), by.Directive.Pos(), d.Payload)
	}
	if d.SRV && !holdsObsolete(sec) {
		by := d.SRVBy.Line()
		report("resolvers %q has no \"hold obsolete\" but resolves SRV label %q (%s): a record missing from one answer removes its server at once; set hold obsolete 30s",
			name, d.SRVBy.Host, by.Directive.Pos())
	}
}

// payloadSize returns the section's accepted_payload_size, or HAProxy's
// default when unset or not a number.
func payloadSize(sec *lint.Section) int {
	if sec == nil {
		return defaultPayloadSize
	}
	if d := sec.Last("accepted_payload_size"); d != nil {
		if n, err := strconv.Atoi(d.Arg(1).Text()); err == nil {
			return n
		}
	}
	return defaultPayloadSize
}

// holdsObsolete reports whether the section keeps obsolete records for a
// while ("hold obsolete" above 0s).
func holdsObsolete(sec *lint.Section) bool {
	if sec == nil {
		return false
	}
	d := sec.Last("hold", "obsolete")
	if d == nil {
		return false
	}
	v, err := lint.ParseDuration(d.Arg(2).Text())
	return err != nil || v.Millis > 0
}

// templateSlots returns how many servers a server-template creates ("5" or
// "1-5"); a plain server line is one slot.
func templateSlots(sl *lint.ServerLine) int {
	if !sl.Template {
		return 1
	}
	spec := sl.Directive.Arg(2).Text()
	lo, hi, isRange := strings.Cut(spec, "-")
	if !isRange {
		n, err := strconv.Atoi(spec)
		if err != nil || n < 1 {
			return 1
		}
		return n
	}
	a, err1 := strconv.Atoi(lo)
	b, err2 := strconv.Atoi(hi)
	if err1 != nil || err2 != nil || b < a {
		return 1
	}
	return b - a + 1
}

package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// extraServerOption is a server option the generated table misses (its
// manual entry has an unusual shape).
type extraServerOption struct {
	takesValue bool
	since      string // "all", or "2.7" when HAProxy 2.6 rejects it
}

// extraServerOptions completes lint.ServerKeyword.
var extraServerOptions = map[string]extraServerOption{
	"init-addr": {true, "all"}, "ws": {true, "all"},
	"init-state": {true, "2.7"}, "set-proxy-v2-tlv-fmt": {true, "2.7"},
}

// checkServerWords reports the first word of a server, server-template or
// default-server line that is no server option HAProxy knows (manual §5.2),
// as HAProxy stops there too. A word is reported only when it is not a
// documented option and not the value of a preceding option that takes one,
// so options newer than config-parser stay silent.
func checkServerWords(p *lint.Pass, d *lint.Directive) {
	if !d.Is("server") && !d.Is("server-template") && !d.Is("default-server") {
		return
	}
	sl := p.Config.ServerLine(d)
	if reportNewerOption(p, d, sl) {
		return
	}
	for _, i := range sl.Unknown {
		word := d.Words[i].Text
		if serverOptionKnown(word, p.Options.HAProxyVersion) || isOptionValue(d, i) {
			continue
		}
		p.ReportWord(d, i, "unknown server option %q: HAProxy refuses the configuration", word)
		return // HAProxy stops at the first unknown word; the rest is unreliable
	}
}

// serverOptionKnown reports whether word is a documented server option,
// also in its "name(arg)" and "no-name" forms.
func serverOptionKnown(word string, v lint.Version) bool {
	if i := strings.IndexByte(word, '('); i > 0 {
		word = word[:i]
	}
	if e, ok := extraServerOptions[word]; ok {
		return availableSince(e.since, v)
	}
	if known, _ := serverKeyword(word); known {
		return true
	}
	if rest, ok := strings.CutPrefix(word, "no-"); ok {
		known, _ := serverKeyword(rest)
		return known
	}
	return false
}

// serverKeyword is lint.ServerKeyword completed by extraServerOptions, for
// any version.
func serverKeyword(word string) (known, takesValue bool) {
	if e, ok := extraServerOptions[word]; ok {
		return true, e.takesValue
	}
	return lint.ServerKeyword(word)
}

// isOptionValue reports whether word i of d is the argument of the word
// before it.
func isOptionValue(d *lint.Directive, i int) bool {
	prev := d.Words[i-1].Text
	if j := strings.IndexByte(prev, '('); j > 0 {
		prev = prev[:j]
	}
	_, takesValue := serverKeyword(prev)
	return takesValue
}

// reportNewerOption reports the first option of the line that the
// configured HAProxy version does not have (a 3.2 option checked as 2.6,
// verified against HAProxy 2.6.12: it refuses them as unknown keywords).
func reportNewerOption(p *lint.Pass, d *lint.Directive, sl *lint.ServerLine) bool {
	v := p.Options.HAProxyVersion
	for i := firstOptionIndex(sl); i < len(d.Words); i++ {
		name := optionBase(d.Words[i].Text)
		if isOptionValue(d, i) || lint.ServerKeywordAvailable(name, v) {
			continue
		}
		p.ReportWord(d, i, "server option %q does not exist in HAProxy %s (it exists in %s): HAProxy %s refuses the configuration",
			name, v, otherVersion(v), v)
		return true
	}
	return false
}

// firstOptionIndex returns the index of the first word after the name and
// address (server), the range and address (server-template), or the
// keyword (default-server).
func firstOptionIndex(sl *lint.ServerLine) int {
	switch {
	case sl.AddrIndex >= 0:
		return sl.AddrIndex + 1
	case sl.Directive.Is("default-server"):
		return 1
	}
	return len(sl.Directive.Words)
}

func optionBase(word string) string {
	if i := strings.IndexByte(word, '('); i > 0 {
		return word[:i]
	}
	return word
}

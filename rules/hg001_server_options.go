package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

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
	for _, i := range sl.Unknown() {
		word := d.Words[i].Text()
		if serverOptionKnown(word, p.Options.HAProxyVersion) || isOptionValue(d, i) {
			continue
		}
		p.ReportWord(d, i, "unknown server option %q: HAProxy refuses the configuration%s", word, cipherListHint(d, i))
		return // HAProxy stops at the first unknown word; the rest is unreliable
	}
}

// serverOptionKnown reports whether word is a documented server option,
// also in its "name(arg)" and "no-name" forms.
func serverOptionKnown(word string, v lint.Version) bool {
	if i := strings.IndexByte(word, '('); i > 0 {
		word = word[:i]
	}
	if o := lint.ServerOptionInfo(word); o.Known {
		return o.Versions.Has(v)
	}
	if rest, ok := strings.CutPrefix(word, "no-"); ok {
		known, _ := serverKeyword(rest)
		return known
	}
	return false
}

// serverKeyword reports whether word is a server option of some version
// and whether it takes a value.
func serverKeyword(word string) (known, takesValue bool) {
	return lint.ServerKeyword(word)
}

// isOptionValue reports whether word i of d is the argument of the word
// before it.
func isOptionValue(d *lint.Directive, i int) bool {
	prev := d.Words[i-1].Text()
	if j := strings.IndexByte(prev, '('); j > 0 {
		prev = prev[:j]
	}
	_, takesValue := serverKeyword(prev)
	return takesValue
}

// reportNewerOption reports the first option of the line that the
// configured HAProxy version does not have (HAProxy refuses it as an
// unknown keyword; the tables are checked against every LTS binary).
func reportNewerOption(p *lint.Pass, d *lint.Directive, sl *lint.ServerLine) bool {
	v := p.Options.HAProxyVersion
	for i := firstOptionIndex(sl); i < len(d.Words); i++ {
		name := optionBase(d.Words[i].Text())
		if lint.ServerKeywordAvailable(name, v) || isOptionValue(d, i) {
			continue
		}
		p.ReportWord(d, i, "server option %q does not exist in HAProxy %s (it exists in HAProxy %s): HAProxy %s refuses the configuration",
			name, v, lint.ServerOptionInfo(name).Versions, v)
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

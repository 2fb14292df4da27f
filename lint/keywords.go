package lint

import "strings"

//go:generate go run ./internal/keywordgen ../../shared/reference

// VersionSet is a bit set of LTS branches: bit i stands for
// LTSVersions()[i].
type VersionSet uint8

// versionSet is the generated tables' name for VersionSet.
type versionSet = VersionSet

// allVersions has every LTS branch.
const allVersions VersionSet = 1<<len(ltsVersions) - 1

// since is the set of LTS branches from v on.
func since(v Version) VersionSet {
	var vs VersionSet
	for i, l := range ltsVersions {
		if !l.Less(v) {
			vs |= 1 << i
		}
	}
	return vs
}

// upTo is the set of LTS branches up to v included.
func upTo(v Version) VersionSet { return allVersions&^since(v) | only(v) }

// only is the set holding v's LTS branch alone.
func only(v Version) VersionSet {
	lts, _ := LTSFor(v)
	for i, l := range ltsVersions {
		if l == lts {
			return 1 << i
		}
	}
	return 0
}

// Has reports whether HAProxy version v (mapped to its LTS branch) is in
// the set.
func (vs VersionSet) Has(v Version) bool { return vs&only(v) != 0 }

// String lists the versions, e.g. "3.0, 3.2, 3.4".
func (vs VersionSet) String() string {
	var parts []string
	for i, l := range ltsVersions {
		if vs&(1<<i) != 0 {
			parts = append(parts, l.String())
		}
	}
	return strings.Join(parts, ", ")
}

type proxyKeyword struct {
	defaults, frontend, listen, backend bool
	namedDefaultsOnly                   bool
	negatable                           bool // takes "no"/"default" (marked (*) in §4.1)
	anywhere                            bool // not in §4.1: any proxy section may hold it
	versions                            versionSet
}

// optionKeyword is a bind or server option.
type optionKeyword struct {
	takesValue bool
	versions   versionSet
}

// KeywordStatus is the verdict of KnownKeyword.
type KeywordStatus int

// Keyword statuses.
const (
	KeywordUnchecked    KeywordStatus = iota // section kind whose keywords are not tabled
	KeywordOK                                // known and allowed here
	KeywordUnknown                           // not a keyword of any section kind
	KeywordWrongPlace                        // a keyword, but not allowed in this section
	KeywordWrongVersion                      // a keyword of another HAProxy version
	KeywordNotNegatable                      // "no"/"default" before a keyword that does not take it
)

// KnownKeyword checks directive d against HAProxy's keyword tables for its
// section kind. It returns the matched keyword (e.g. "timeout server").
func KnownKeyword(d *Directive, v Version) (string, KeywordStatus) {
	kind := "global"
	if d.Section != nil {
		kind = d.Section.Kind
	}
	switch kind {
	case "global":
		return globalKeywordStatus(d, v)
	case "defaults", "frontend", "backend", "listen":
		return proxyKeywordStatus(d, kind, v)
	}
	return d.Keyword(), KeywordUnchecked
}

// globalNegatable are the global keywords HAProxy accepts after "no" or
// "default" (cfgparse-global.c, the same list from 2.6 to 3.4: "negation/
// default currently supported only for options, log, busy-polling,
// set-dumpable, strict-limits, insecure-fork-wanted and numa-cpu-mapping").
func globalNegatable(kw string) bool {
	switch kw {
	case "log", "busy-polling", "set-dumpable", "strict-limits", "insecure-fork-wanted", "numa-cpu-mapping":
		return true
	}
	return false
}

// globalKeywordStatus checks a global directive, with its "no"/"default"
// prefix if any.
func globalKeywordStatus(d *Directive, v Version) (string, KeywordStatus) {
	words := d.Words
	if (words[0].Text() == "no" || words[0].Text() == "default") && len(words) > 1 {
		kw, status := globalKeyword(words[1].Text(), v)
		if status == KeywordOK && !globalNegatable(kw) {
			return words[0].Text() + " " + kw, KeywordNotNegatable
		}
		return kw, status
	}
	return globalKeyword(d.Keyword(), v)
}

func globalKeyword(kw string, v Version) (string, KeywordStatus) {
	vs, ok := globalKeywordTable[kw]
	if o, found := globalOverride[kw]; found {
		vs, ok = o, o != 0
	}
	switch {
	case !ok && (strings.HasPrefix(kw, "tune.") || strings.HasPrefix(kw, "ssl-") || strings.Contains(kw, "51degrees") || strings.Contains(kw, "wurfl")):
		return kw, KeywordUnchecked // families documented as patterns
	case !ok:
		return kw, KeywordUnknown
	case !vs.Has(v):
		return kw, KeywordWrongVersion
	}
	return kw, KeywordOK
}

func proxyKeywordStatus(d *Directive, kind string, v Version) (string, KeywordStatus) {
	words := d.Words
	prefixed := (words[0].Text() == "no" || words[0].Text() == "default") && len(words) > 1
	if prefixed {
		words = words[1:]
	}
	kw, e, ok := longestProxyKeyword(words)
	if !ok {
		return kw, KeywordUnknown
	}
	if e.anywhere {
		if !e.versions.Has(v) {
			return kw, KeywordWrongVersion
		}
		return kw, KeywordOK
	}
	if prefixed && !e.negatable {
		return d.Words[0].Text() + " " + kw, KeywordNotNegatable
	}
	if !e.versions.Has(v) {
		return kw, KeywordWrongVersion
	}
	if !e.allowedIn(kind, d.Section != nil && d.Section.Name != "") {
		return kw, KeywordWrongPlace
	}
	return kw, KeywordOK
}

// longestProxyKeyword matches the longest keyword of one to three words.
func longestProxyKeyword(words []Word) (string, proxyKeyword, bool) {
	longest := 1
	if multiWordProxyKeywordStarts[words[0].Text()] {
		longest = min(3, len(words))
	}
	var buf [64]byte // the candidate keyword: only a match becomes a string
	for n := longest; n >= 1; n-- {
		candidate := buf[:0]
		for i, w := range words[:n] {
			if i > 0 {
				candidate = append(candidate, ' ')
			}
			candidate = append(candidate, w.Text()...)
		}
		if vs, ok := proxyOverride[string(candidate)]; ok && vs != 0 {
			e, known := proxyKeywordTable[string(candidate)]
			if !known {
				e.anywhere = true
			}
			e.versions = vs
			return string(candidate), e, true
		}
		if e, ok := proxyKeywordTable[string(candidate)]; ok && !removedByOverride(string(candidate)) {
			if n == 1 {
				return words[0].Text(), e, true
			}
			return string(candidate), e, true
		}
	}
	if len(words) > 1 && (words[0].Text() == "option" || words[0].Text() == "timeout") {
		return words[0].Text() + " " + words[1].Text(), proxyKeyword{}, false
	}
	return words[0].Text(), proxyKeyword{}, false
}

// multiWordProxyKeywordStarts holds the first words of the proxy keywords
// of several words ("option", "timeout", "stats", ...): only lines starting
// with one of them need the longer lookups.
var multiWordProxyKeywordStarts = func() map[string]bool {
	starts := map[string]bool{}
	for kw := range proxyKeywordTable {
		if first, _, multi := strings.Cut(kw, " "); multi {
			starts[first] = true
		}
	}
	for kw := range proxyOverride {
		if first, _, multi := strings.Cut(kw, " "); multi {
			starts[first] = true
		}
	}
	return starts
}()

func (e proxyKeyword) allowedIn(kind string, named bool) bool {
	switch kind {
	case "defaults":
		return e.defaults && (named || !e.namedDefaultsOnly)
	case "frontend":
		return e.frontend
	case "listen":
		return e.listen
	case "backend":
		return e.backend
	}
	return true
}

// removedByOverride reports a matrix keyword no binary takes.
func removedByOverride(kw string) bool {
	vs, ok := proxyOverride[kw]
	return ok && vs == 0
}

// KeywordVersions returns the LTS branches that have kw, a keyword as
// KnownKeyword returns it, in a section of the given kind ("global",
// "defaults", "frontend", "backend" or "listen").
func KeywordVersions(kind, kw string) VersionSet {
	if kind == "global" {
		if vs, ok := globalOverride[kw]; ok {
			return vs
		}
		return globalKeywordTable[kw]
	}
	if vs, ok := proxyOverride[kw]; ok {
		return vs
	}
	return proxyKeywordTable[kw].versions
}

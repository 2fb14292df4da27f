package lint

import "strings"

//go:generate go run ./internal/keywordgen ../../shared/reference

// versionSet is a bit set of the manuals a keyword appears in.
type versionSet uint8

// Manual bits of versionSet.
const (
	inManual26 versionSet = 1 << iota
	inManual32
)

// availableIn reports whether the keyword exists in HAProxy version v, as
// far as the two manuals tell: 2.6 and older use the 2.6 manual, 3.2 and
// newer the 3.2 one; versions in between accept either.
func (vs versionSet) availableIn(v Version) bool {
	switch {
	case !v.AtLeast(2, 7):
		return vs&inManual26 != 0
	case v.AtLeast(3, 2):
		return vs&inManual32 != 0
	}
	return vs != 0
}

type proxyKeyword struct {
	defaults, frontend, listen, backend bool
	namedDefaultsOnly                   bool
	negatable                           bool // takes "no"/"default" (marked (*) in §4.1)
	versions                            versionSet
}

type serverKeyword struct {
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
		return globalKeyword(d.Keyword(), v)
	case "defaults", "frontend", "backend", "listen":
		return proxyKeywordStatus(d, kind, v)
	}
	return d.Keyword(), KeywordUnchecked
}

func globalKeyword(kw string, v Version) (string, KeywordStatus) {
	vs, ok := globalKeywordTable[kw]
	switch {
	case !ok && (strings.HasPrefix(kw, "tune.") || strings.HasPrefix(kw, "ssl-") || strings.Contains(kw, "51degrees") || strings.Contains(kw, "wurfl")):
		return kw, KeywordUnchecked // families documented as patterns
	case !ok:
		return kw, KeywordUnknown
	case !vs.availableIn(v):
		return kw, KeywordWrongVersion
	}
	return kw, KeywordOK
}

// ServerKeyword reports whether word is a documented server option and
// whether it takes a value.
func ServerKeyword(word string) (known, takesValue bool) {
	e, ok := serverKeywordTable[word]
	return ok, e.takesValue
}

func proxyKeywordStatus(d *Directive, kind string, v Version) (string, KeywordStatus) {
	words := d.Words
	prefixed := (words[0].Text == "no" || words[0].Text == "default") && len(words) > 1
	if prefixed {
		words = words[1:]
	}
	kw, e, ok := longestProxyKeyword(words)
	if !ok {
		return kw, KeywordUnknown
	}
	if prefixed && !e.negatable {
		return d.Words[0].Text + " " + kw, KeywordNotNegatable
	}
	if !e.versions.availableIn(v) {
		return kw, KeywordWrongVersion
	}
	if !e.allowedIn(kind, d.Section != nil && d.Section.Name != "") {
		return kw, KeywordWrongPlace
	}
	return kw, KeywordOK
}

// longestProxyKeyword matches the longest keyword of one to three words.
func longestProxyKeyword(words []Word) (string, proxyKeyword, bool) {
	for n := min(3, len(words)); n >= 1; n-- {
		parts := make([]string, n)
		for i := range n {
			parts[i] = words[i].Text
		}
		kw := strings.Join(parts, " ")
		if e, ok := proxyKeywordTable[kw]; ok {
			return kw, e, true
		}
	}
	if len(words) > 1 && (words[0].Text == "option" || words[0].Text == "timeout") {
		return words[0].Text + " " + words[1].Text, proxyKeyword{}, false
	}
	return words[0].Text, proxyKeyword{}, false
}

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

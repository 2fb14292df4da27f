package lint

import (
	"strings"
	"unsafe"
)

// Word is one word of a configuration line after HAProxy's quote and escape
// processing (configuration manual §2.2). Environment variable references
// are kept as written in the text ("${PORT}"); Vars lists them.
//
// A configuration of half a million lines holds millions of words, so a
// Word is 16 bytes: the text as a pointer and a length (shared with the
// input wherever the word was written without quotes or escapes), and the
// column packed with the flags.
type Word struct {
	data *byte  // first byte of the text (nil for the empty word)
	size uint32 // length of the text in bytes
	meta uint32 // column in the low 24 bits, wordFlags in the high 8
}

const (
	colBits = 24
	maxCol  = 1<<colBits - 1
)

// NewWord returns a word with the given text, 1-based byte column and no
// quotes or variables; columns beyond 16,777,215 are stored as that.
func NewWord(text string, col int) Word { return newWord(text, col, 0) }

func newWord(text string, col int, flags wordFlags) Word {
	col = max(0, min(col, maxCol))
	return Word{data: unsafe.StringData(text), size: uint32(len(text)), meta: uint32(col) | uint32(flags)<<colBits}
}

// Text returns the word after quote and escape processing.
func (w Word) Text() string { return unsafe.String(w.data, w.size) }

// Col returns the 1-based byte column where the word starts (0 when unknown).
func (w Word) Col() int32 { return int32(w.meta & maxCol) }

// WithText returns the word with its text replaced, column and flags kept.
func (w Word) WithText(text string) Word { return newWord(text, int(w.Col()), w.flags()) }

// JoinWords returns the texts of words separated by sep.
func JoinWords(words []Word, sep string) string {
	n := len(sep) * max(0, len(words)-1)
	for _, w := range words {
		n += int(w.size)
	}
	var b strings.Builder
	b.Grow(n)
	for i, w := range words {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(w.Text())
	}
	return b.String()
}

func (w Word) flags() wordFlags { return wordFlags(w.meta >> colBits) }

type wordFlags uint8

const (
	flagQuoted       wordFlags = 1 << iota // some part was in double or single quotes
	flagVarQuoted                          // a $ reference inside double quotes
	flagVarUnquoted                        // a $ reference outside quotes (kept literal by HAProxy)
	flagSingleQuoted                       // some part was in single quotes
)

// Quoted reports whether any part of the word was written in quotes.
func (w Word) Quoted() bool { return w.flags()&flagQuoted != 0 }

// HasVars reports whether the word references an environment variable
// (quoted, so HAProxy expands it, or unquoted, where it usually does not).
func (w Word) HasVars() bool { return w.flags()&(flagVarQuoted|flagVarUnquoted) != 0 }

// VarsQuoted reports whether a variable reference sat inside double quotes.
func (w Word) VarsQuoted() bool { return w.flags()&flagVarQuoted != 0 }

// VarRef is one environment variable reference inside a word.
type VarRef struct {
	Name       string
	Default    string
	HasDefault bool
	Offset     int // byte offset of the '$' in Word.Text
}

// Vars lists the environment variable references in the word.
func (w Word) Vars() []VarRef {
	if !w.HasVars() {
		return nil
	}
	return findVars(w.Text())
}

// Expand replaces variable references using lookup; an unset variable
// without a default expands to the empty string, as in HAProxy.
func (w Word) Expand(lookup func(string) (string, bool)) string {
	refs := w.Vars()
	if len(refs) == 0 {
		return w.Text()
	}
	var b strings.Builder
	last := 0
	for _, r := range refs {
		b.WriteString(w.Text()[last:r.Offset])
		last = r.Offset + varRefLen(w.Text()[r.Offset:])
		if v, ok := lookup(r.Name); ok {
			b.WriteString(v)
		} else if r.HasDefault {
			b.WriteString(r.Default)
		}
	}
	b.WriteString(w.Text()[last:])
	return b.String()
}

func findVars(s string) []VarRef {
	var refs []VarRef
	for i := 0; i < len(s); i++ {
		if s[i] != '$' {
			continue
		}
		n := varRefLen(s[i:])
		if n == 0 {
			continue
		}
		refs = append(refs, parseVarRef(s[i:i+n], i))
		i += n - 1
	}
	return refs
}

// varRefLen returns the length of the variable reference at the start of s
// ("$NAME" or "${NAME}" or "${NAME-default}"), or 0 if s starts with none.
func varRefLen(s string) int {
	if len(s) < 2 || s[0] != '$' {
		return 0
	}
	if s[1] == '{' {
		end := strings.IndexByte(s, '}')
		if end < 3 {
			return 0
		}
		return end + 1
	}
	n := 1
	for n < len(s) && isVarNameByte(s[n]) {
		n++
	}
	if n == 1 {
		return 0
	}
	return n
}

func parseVarRef(ref string, offset int) VarRef {
	if ref[1] != '{' {
		return VarRef{Name: ref[1:], Offset: offset}
	}
	body := ref[2 : len(ref)-1]
	if i := strings.IndexByte(body, '-'); i >= 0 {
		return VarRef{Name: body[:i], Default: body[i+1:], HasDefault: true, Offset: offset}
	}
	return VarRef{Name: body, Offset: offset}
}

func isVarNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

package lint

import (
	"strings"
)

// maxLineWords is HAProxy's MAX_LINE_ARGS: a line with more words is an
// error ("too many words, truncating after word 64").
const maxLineWords = 64

// LexError is a lexical fault on a line (HG003): HAProxy rejects the line.
type LexError struct {
	Col     int
	Message string
}

// lineScanner splits one configuration line into words the way HAProxy's
// parse_line() does: blanks separate words, '#' starts a comment, backslash
// escapes, "weak" and 'strong' quotes (manual §2.2).
type lineScanner struct {
	line  string
	i     int
	words []Word
	errs  []LexError
	buf   strings.Builder
	// comment is the 0-based offset of the '#' that starts a comment, or -1.
	comment int
}

// scanLine returns the words of line and its lexical errors. Words share
// line's memory whenever they contain no quote or escape.
func scanLine(line string) ([]Word, []LexError) {
	s := lineScanner{line: line, comment: -1}
	return s.scan(line)
}

// scan tokenizes line, reusing the scanner's buffers; the returned words
// are only valid until the next call.
func (s *lineScanner) scan(line string) ([]Word, []LexError) {
	*s = lineScanner{line: line, comment: -1, words: s.words[:0]}
	s.run()
	if len(s.words) > maxLineWords {
		s.errs = append(s.errs, LexError{Col: int(s.words[maxLineWords].Col()),
			Message: "more than 64 words on one line: HAProxy rejects it (\"too many words\")"})
	}
	return s.words, s.errs
}

func (s *lineScanner) run() {
	for {
		for s.i < len(s.line) && isBlank(s.line[s.i]) {
			s.i++
		}
		if s.i >= len(s.line) {
			return
		}
		if s.line[s.i] == '#' {
			s.comment = s.i
			return
		}
		if !s.word() {
			return
		}
	}
}

// word scans one word starting at s.i; it returns false when the rest of the
// line must be abandoned (unterminated quote).
func (s *lineScanner) word() bool {
	start := s.i
	if w, ok := s.plainWord(); ok {
		s.words = append(s.words, w)
		return true
	}
	s.i = start
	s.buf.Reset()
	var flags wordFlags
	for s.i < len(s.line) && !isBlank(s.line[s.i]) && s.line[s.i] != '#' {
		var ok bool
		switch c := s.line[s.i]; c {
		case '"':
			flags |= flagQuoted
			ok = s.doubleQuoted(&flags)
		case '\'':
			flags |= flagQuoted | flagSingleQuoted
			ok = s.singleQuoted()
		case '\\':
			ok = s.escape()
		default:
			if c == '$' && varRefLen(s.line[s.i:]) > 0 {
				flags |= flagVarUnquoted
			}
			s.buf.WriteByte(c)
			s.i++
			ok = true
		}
		if !ok {
			return false
		}
	}
	s.words = append(s.words, newWord(s.buf.String(), start+1, flags))
	return true
}

// plainWord takes the fast path for a word with no quote and no escape.
func (s *lineScanner) plainWord() (Word, bool) {
	start := s.i
	var flags wordFlags
	for s.i < len(s.line) {
		c := s.line[s.i]
		if isBlank(c) || c == '#' {
			break
		}
		if c == '"' || c == '\'' || c == '\\' {
			return Word{}, false
		}
		if c == '$' && varRefLen(s.line[s.i:]) > 0 {
			flags |= flagVarUnquoted
		}
		s.i++
	}
	return newWord(s.line[start:s.i], start+1, flags), true
}

func (s *lineScanner) doubleQuoted(flags *wordFlags) bool {
	open := s.i
	s.i++
	for s.i < len(s.line) {
		switch c := s.line[s.i]; c {
		case '"':
			s.i++
			return true
		case '\\':
			if !s.escape() {
				return false
			}
		default:
			if c == '$' && varRefLen(s.line[s.i:]) > 0 {
				*flags |= flagVarQuoted
			}
			s.buf.WriteByte(c)
			s.i++
		}
	}
	s.errs = append(s.errs, LexError{Col: open + 1, Message: "unterminated double quote"})
	return false
}

func (s *lineScanner) singleQuoted() bool {
	open := s.i
	end := strings.IndexByte(s.line[s.i+1:], '\'')
	if end < 0 {
		s.errs = append(s.errs, LexError{Col: open + 1, Message: "unterminated single quote"})
		return false
	}
	s.buf.WriteString(s.line[s.i+1 : s.i+1+end])
	s.i += end + 2
	return true
}

// lineComment returns the comment of a line (without the '#') and the
// 1-based column of its '#'; col is 0 when the line has no comment.
func lineComment(line string) (text string, col int) {
	s := lineScanner{line: line, comment: -1}
	s.run()
	if s.comment < 0 {
		return "", 0
	}
	return line[s.comment+1:], s.comment + 1
}

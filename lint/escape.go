package lint

// escape consumes a backslash sequence at s.i. Unknown escapes keep their
// backslash (regular expressions rely on it), as HAProxy does; "\xNN" needs
// two hex digits and a lone trailing backslash is an error, since HAProxy has
// no line continuation.
func (s *lineScanner) escape() bool {
	at := s.i
	if at+1 >= len(s.line) {
		s.errs = append(s.errs, LexError{Col: at + 1,
			Message: "backslash at end of line: HAProxy has no line continuation, the next line is not joined"})
		s.i++
		return false
	}
	c := s.line[at+1]
	switch c {
	case ' ', '\t', '#', '\\', '\'', '"', '$':
		s.buf.WriteByte(c)
	case 'n':
		s.buf.WriteByte('\n')
	case 'r':
		s.buf.WriteByte('\r')
	case 't':
		s.buf.WriteByte('\t')
	case 'x':
		if !isHex(byteAt(s.line, at+2)) || !isHex(byteAt(s.line, at+3)) {
			s.errs = append(s.errs, LexError{Col: at + 1, Message: "truncated or invalid hexadecimal escape (want \\xNN)"})
			return false
		}
		s.buf.WriteByte(hexVal(s.line[at+2])<<4 | hexVal(s.line[at+3]))
		s.i += 4
		return true
	default:
		s.buf.WriteByte('\\')
		s.buf.WriteByte(c)
	}
	s.i += 2
	return true
}

func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

package haproxylog

import "bytes"

// maxDigits bounds the integers the parser accepts, so that no field can
// overflow an int64.
const maxDigits = 18

// atoi parses a non-empty run of decimal digits.
func atoi(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > maxDigits {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// atoiSigned parses an integer with an optional '-' or '+' sign. HAProxy logs
// -1 for a timer that never stopped and prefixes '+' under `option logasap`
// or after a redispatch.
func atoiSigned(b []byte) (int, bool) {
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		n, ok := atoi(b[1:])
		if b[0] == '-' {
			n = -n
		}
		return n, ok
	}
	return atoi(b)
}

// cutField skips leading spaces and returns the field up to the next space
// and what follows that space.
func cutField(b []byte) (field, rest []byte) {
	b = bytes.TrimLeft(b, " ")
	i := bytes.IndexByte(b, ' ')
	if i < 0 {
		return b, nil
	}
	return b[:i], b[i+1:]
}

// afterSpace returns what follows the first space of b, or nothing.
func afterSpace(b []byte) []byte {
	_, rest := cutField(b)
	return rest
}

// splitN splits b at sep into exactly len(out) parts, reporting false when
// the count differs. It never allocates.
func splitN(b []byte, sep byte, out [][]byte) bool {
	for i := range out {
		if i == len(out)-1 {
			out[i] = b
			return bytes.IndexByte(b, sep) < 0
		}
		j := bytes.IndexByte(b, sep)
		if j < 0 {
			return false
		}
		out[i], b = b[:j], b[j+1:]
	}
	return true
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// matchShape reports whether b has the shape of pattern, where 'd' in the
// pattern stands for any digit, 'a' for any ASCII letter, and any other byte
// must match itself.
func matchShape(b []byte, pattern string) bool {
	if len(b) < len(pattern) {
		return false
	}
	for i := range len(pattern) {
		c := b[i]
		switch pattern[i] {
		case 'd':
			if !isDigit(c) {
				return false
			}
		case 'a':
			if (c|0x20) < 'a' || (c|0x20) > 'z' {
				return false
			}
		default:
			if c != pattern[i] {
				return false
			}
		}
	}
	return true
}

// isISOTimestamp reports whether b starts with "YYYY-MM-DDT", as HAProxy's
// `timed`, `iso` and `rfc5424` formats do.
func isISOTimestamp(b []byte) bool { return matchShape(b, "dddd-dd-ddT") }

// isBSDTimestamp reports whether b starts with RFC 3164's "Mmm dd hh:mm:ss ",
// the day padded with a space or a zero.
func isBSDTimestamp(b []byte) bool {
	if len(b) < 16 || !matchShape(b, "aaa ") || !matchShape(b[6:], " dd:dd:dd ") {
		return false
	}
	return (b[4] == ' ' || isDigit(b[4])) && isDigit(b[5])
}

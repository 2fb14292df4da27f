package haproxylog

import "bytes"

// Framing is the syslog header style a datagram arrived in, one per value of
// the `log` directive's <format> argument (configuration manual §3.1, "log").
type Framing uint8

// Framings HAProxy can send.
const (
	// FramingRaw has no header at all (`format raw`).
	FramingRaw Framing = iota
	// FramingLocal is HAProxy's default: RFC 3164 without the hostname,
	// "<PRI>Mmm dd hh:mm:ss tag[pid]: msg".
	FramingLocal
	// FramingRFC3164 is "<PRI>Mmm dd hh:mm:ss host tag[pid]: msg".
	FramingRFC3164
	// FramingRFC5424 is "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG".
	FramingRFC5424
	// FramingPriority is "<PRI>msg" (`format short` and `format priority`).
	FramingPriority
	// FramingTimed is "<PRI>ISO-TIMESTAMP msg" (`format timed`).
	FramingTimed
	// FramingISO is "ISO-TIMESTAMP msg" (`format iso`).
	FramingISO
)

// String returns the name of the framing as the `log` directive spells it.
func (f Framing) String() string {
	names := [...]string{"raw", "local", "rfc3164", "rfc5424", "priority", "timed", "iso"}
	if int(f) < len(names) {
		return names[f]
	}
	return "unknown"
}

// StripSyslog removes the syslog header from one log line and returns the
// message part, a sub-slice of line (no copy), and the framing it recognised.
// A line without a recognisable header is returned whole as FramingRaw.
// Trailing line terminators and NUL bytes are removed.
func StripSyslog(line []byte) ([]byte, Framing) {
	line = bytes.TrimRight(line, "\r\n\x00")
	if isISOTimestamp(line) {
		return afterSpace(line), FramingISO
	}
	rest, ok := cutPriority(line)
	if !ok {
		return line, FramingRaw
	}
	switch {
	case len(rest) >= 2 && rest[0] == '1' && rest[1] == ' ':
		if msg, ok := stripRFC5424(rest[2:]); ok {
			return msg, FramingRFC5424
		}
	case isISOTimestamp(rest):
		return afterSpace(rest), FramingTimed
	case isBSDTimestamp(rest):
		return stripRFC3164(rest[len("Mmm dd hh:mm:ss "):])
	}
	return rest, FramingPriority
}

// cutPriority removes a leading "<PRI>" (1 to 3 digits, at most 191).
func cutPriority(b []byte) ([]byte, bool) {
	if len(b) < 3 || b[0] != '<' {
		return b, false
	}
	end := bytes.IndexByte(b[:min(len(b), 5)], '>')
	if end < 2 {
		return b, false
	}
	pri, ok := atoi(b[1:end])
	if !ok || pri > 191 {
		return b, false
	}
	return b[end+1:], true
}

// stripRFC3164 handles what follows the BSD timestamp: either "tag: msg"
// (HAProxy's `local` format) or "host tag: msg".
func stripRFC3164(b []byte) ([]byte, Framing) {
	first, rest := cutField(b)
	if isTag(first) {
		return rest, FramingLocal
	}
	second, msg := cutField(rest)
	if isTag(second) {
		return msg, FramingRFC3164
	}
	return rest, FramingRFC3164
}

// isTag reports whether a field is a syslog tag such as "haproxy[123]:".
func isTag(f []byte) bool {
	return len(f) >= 2 && f[len(f)-1] == ':' && len(f) <= 64
}

// stripRFC5424 skips TIMESTAMP HOSTNAME APP-NAME PROCID MSGID and the
// structured data, returning MSG without its optional UTF-8 BOM.
func stripRFC5424(b []byte) ([]byte, bool) {
	for range 5 {
		var f []byte
		f, b = cutField(b)
		if len(f) == 0 {
			return nil, false
		}
	}
	b, ok := skipStructuredData(b)
	if !ok {
		return nil, false
	}
	if len(b) > 0 && b[0] == ' ' {
		b = b[1:]
	}
	return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), true
}

// skipStructuredData skips "-" or one or more "[id k="v"...]" elements, in
// which `\]` and `\"` are escaped.
func skipStructuredData(b []byte) ([]byte, bool) {
	if len(b) > 0 && b[0] == '-' {
		return b[1:], true
	}
	for len(b) > 0 && b[0] == '[' {
		end := structuredElementEnd(b)
		if end < 0 {
			return nil, false
		}
		b = b[end+1:]
	}
	return b, len(b) == 0 || b[0] == ' '
}

// structuredElementEnd returns the index of the ']' closing the element that
// starts at b[0], or -1.
func structuredElementEnd(b []byte) int {
	inQuotes := false
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			inQuotes = !inQuotes
		case ']':
			if !inQuotes {
				return i
			}
		}
	}
	return -1
}

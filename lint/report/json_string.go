package report

import (
	"strconv"
	"unicode/utf8"
)

// appendJSONString appends s as a JSON string exactly as encoding/json
// writes it with HTML escaping on (its default): <, > and & as \u003c,
// \u003e and \u0026, U+2028 and U+2029 escaped, invalid UTF-8 replaced by
// U+FFFD. json_string_test.go holds it to encoding/json byte for byte.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscapedByte(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			if r == utf8.RuneError {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, `\u202`...)
				b = append(b, "0123456789abcdef"[r&0xf])
			}
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '"', '\\':
		return append(b, '\\', c)
	case '\b':
		return append(b, `\b`...)
	case '\f':
		return append(b, `\f`...)
	case '\n':
		return append(b, `\n`...)
	case '\r':
		return append(b, `\r`...)
	case '\t':
		return append(b, `\t`...)
	}
	const hex = "0123456789abcdef"
	return append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
}

// appendJSONDiagnostic appends d as json.MarshalIndent(d, "    ", "  ")
// does: the fields in struct order, end_line and end_column left out when
// zero (omitempty).
func appendJSONDiagnostic(b []byte, d jsonDiagnostic) []byte {
	const in = "\n      "
	b = append(b, "{"+in+`"rule_id": `...)
	b = appendJSONString(b, d.RuleID)
	b = append(b, ","+in+`"rule_name": `...)
	b = appendJSONString(b, d.RuleName)
	b = append(b, ","+in+`"severity": `...)
	b = appendJSONString(b, d.Severity)
	b = append(b, ","+in+`"message": `...)
	b = appendJSONString(b, d.Message)
	b = append(b, ","+in+`"file": `...)
	b = appendJSONString(b, d.File)
	b = append(b, ","+in+`"line": `...)
	b = strconv.AppendInt(b, int64(d.Line), 10)
	b = append(b, ","+in+`"column": `...)
	b = strconv.AppendInt(b, int64(d.Column), 10)
	if d.EndLine != 0 {
		b = append(b, ","+in+`"end_line": `...)
		b = strconv.AppendInt(b, int64(d.EndLine), 10)
	}
	if d.EndCol != 0 {
		b = append(b, ","+in+`"end_column": `...)
		b = strconv.AppendInt(b, int64(d.EndCol), 10)
	}
	b = append(b, ","+in+`"doc_url": `...)
	b = appendJSONString(b, d.DocURL)
	return append(b, "\n    }"...)
}

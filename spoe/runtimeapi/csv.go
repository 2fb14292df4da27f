package runtimeapi

import "strings"

// splitCSVLine splits one line of HAProxy's CSV output (management guide
// §9.1): fields are separated by commas, and a field may be enclosed in
// double quotes when it contains a comma or a quote, quotes being doubled
// inside. It is tolerant: an unterminated quote runs to the end of the line.
// The first limit fields at most are appended to dst, which is returned.
func splitCSVLine(dst []string, line string, limit int) []string {
	for range limit {
		field, rest, more := nextCSVField(line)
		dst = append(dst, field)
		if !more {
			return dst
		}
		line = rest
	}
	return dst
}

// nextCSVField returns the first field of line, the text after its
// separating comma, and whether such a comma was found.
func nextCSVField(line string) (field, rest string, more bool) {
	if !strings.HasPrefix(line, `"`) {
		field, rest, more = strings.Cut(line, ",")
		return field, rest, more
	}
	var b strings.Builder
	i := 1
	for i < len(line) {
		c := line[i]
		switch {
		case c == '"' && i+1 < len(line) && line[i+1] == '"':
			b.WriteByte('"')
			i += 2
		case c == '"':
			// Closing quote: anything up to the next comma is kept as is.
			tail, rest, more := strings.Cut(line[i+1:], ",")
			b.WriteString(tail)
			return b.String(), rest, more
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), "", false
}

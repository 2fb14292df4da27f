package lint

import "sort"

// Redactor masks a configuration's secrets in messages and source lines.
type Redactor struct {
	values  []string                  // longest first
	matcher *secretMatcher            // finds values in a text in one pass
	lines   map[string]map[int]string // file -> line -> masked raw text
	broken  map[Pos]bool              // lines with lexical faults (Col 0)
}

// NewRedactor prepares the masks for cfg's secrets (see Config.Secrets)
// and for secret-looking variables of the supplied environment.
func NewRedactor(cfg *Config, env map[string]string) *Redactor {
	words := cfg.Secrets()
	r := &Redactor{values: secretValues(words), lines: map[string]map[int]string{}, broken: map[Pos]bool{}}
	for _, f := range cfg.Faults {
		if f.Kind == FaultLexical {
			r.broken[Pos{File: f.Pos.File, Line: f.Pos.Line}] = true
		}
	}
	for name, v := range env {
		if secretName.MatchString(name) && len(v) >= 3 {
			r.values = append(r.values, v)
		}
	}
	sort.Slice(r.values, func(i, j int) bool { return len(r.values[i]) > len(r.values[j]) })
	r.matcher = newSecretMatcher(r.values)
	for _, sw := range words {
		d := sw.Directive
		byLine := r.lines[d.Pos().File]
		if byLine == nil {
			byLine = map[int]string{}
			r.lines[d.Pos().File] = byLine
		}
		raw, ok := byLine[d.Pos().Line]
		if !ok {
			raw = d.Raw()
		}
		byLine[d.Pos().Line] = maskRawWord(raw, int(d.Words[sw.Index].Col()))
	}
	return r
}

// Message masks every secret value in s.
func (r *Redactor) Message(s string) string {
	if len(r.values) == 0 {
		return s
	}
	return r.matcher.replace(s, Mask)
}

// Line returns a source line with its secret words masked; raw is the
// line as read.
func (r *Redactor) Line(file string, n int, raw string) string {
	if masked, ok := r.lines[file][n]; ok {
		return masked
	}
	if r.broken[Pos{File: file, Line: n}] {
		// No directive was parsed from this line: mask by keyword.
		raw = maskRawLine(raw)
	}
	return r.Message(raw)
}

// maskRawWord replaces the raw word starting at 1-based col (up to the
// next blank outside quotes) with Mask. The column of later words may shift;
// only the caret of a diagnostic on this very word could be off, and it
// points at the mask.
func maskRawWord(raw string, col int) string {
	start := col - 1
	if start < 0 || start >= len(raw) {
		return raw
	}
	end, quote := start, byte(0)
	for ; end < len(raw); end++ {
		c := raw[end]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '\\':
			end++
		case quote == 0 && (c == ' ' || c == '\t'):
			return raw[:start] + Mask + raw[end:]
		}
	}
	return raw[:start] + Mask
}

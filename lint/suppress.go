package lint

import (
	"regexp"
	"strings"
)

// Suppression is one inline `# hapguard:ignore ID[,ID] -- reason` comment
// (for its own line, or alone on a line for the next directive) or
// `# hapguard:ignore-file ID -- reason` (for the whole file).
type Suppression struct {
	Pos      Pos
	Rules    []string // IDs or names, as written
	Reason   string
	FileWide bool
	// Line is the line it applies to; 0 for file-wide suppressions and for
	// one with no directive after it.
	Line int
}

var suppressionPattern = regexp.MustCompile(`^\s*hapguard:(ignore-file|ignore)\b\s*(.*)$`)

// parseSuppression reads a comment; ok is false when it is not one of ours.
func parseSuppression(comment string, pos Pos) (*Suppression, bool) {
	m := suppressionPattern.FindStringSubmatch(comment)
	if m == nil {
		return nil, false
	}
	// A further " #" starts another comment (e.g. a test expectation).
	body, _, _ := strings.Cut(m[2], " #")
	list, reason, _ := strings.Cut(body, "--")
	s := &Suppression{Pos: pos, FileWide: m[1] == "ignore-file", Reason: strings.TrimSpace(reason)}
	for _, id := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
		s.Rules = append(s.Rules, id)
	}
	return s, true
}

// collectSuppression records a suppression comment on a line, if any.
// pending holds the suppressions waiting for the next directive.
func (l *fileLoader) collectSuppression(n int, raw string, hasWords bool) {
	if !strings.Contains(raw, "hapguard:") {
		return
	}
	text, col := lineComment(raw)
	if col == 0 {
		return
	}
	s, ok := parseSuppression(text, Pos{File: l.file.Name, Line: n, Col: col})
	if !ok {
		return
	}
	l.c.Suppressions = append(l.c.Suppressions, s)
	switch {
	case s.FileWide:
	case hasWords:
		s.Line = n
	default:
		l.pending = append(l.pending, s)
	}
}

// attachPending points the suppressions waiting above at directive line n.
func (l *fileLoader) attachPending(n int) {
	for _, s := range l.pending {
		s.Line = n
	}
	l.pending = l.pending[:0]
}

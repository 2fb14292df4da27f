package lint

import "strings"

// Config is a whole HAProxy configuration: every file given, in load order,
// cut into sections and directives with exact positions.
type Config struct {
	Files    []*File
	Sections []*Section
	// Orphans are directives found before any section header (HG004).
	Orphans []*Directive
	// Faults are problems found while loading: lexical faults, unbalanced
	// conditional blocks, unresolved "from" references.
	Faults []Fault
	// Suppressions are the inline hapguard:ignore comments.
	Suppressions []*Suppression
	byName       map[sectionKey]*Section
	dec          *decoder
	memo         memoTable
	kinds        sectionKinds // index.go
}

type sectionKey struct{ kind, name string }

// FaultKind classifies load-time faults.
type FaultKind int

// Fault kinds.
const (
	FaultLexical     FaultKind = iota + 1 // HG003: quoting, escapes, NUL, too many words
	FaultConditional                      // HG001: .if/.elif/.else/.endif misuse
	FaultFrom                             // HG005: "from" names a missing or circular defaults
)

// Fault is a problem found while loading, reported by the rule that owns
// its kind.
type Fault struct {
	Kind    FaultKind
	Pos     Pos
	Message string
}

// Section is one section: its header and the directives inside it.
type Section struct {
	Kind       string // "global", "defaults", "frontend", "backend", "listen", ...
	Name       string // empty for global and anonymous defaults
	From       string // the "from NAME" of the header, if any
	Header     *Directive
	Directives []*Directive
	// Defaults is the defaults section this one inherits from, after
	// resolving "from" and HAProxy's "last defaults above" rule; nil if none.
	Defaults *Section
	// Index is the section's position in Config.Sections.
	Index int
	// servers and defaultServer are computed at load (server_view.go).
	servers       []Server
	defaultServer *serverDefaults
	// keywords indexes the directives of a large section (index.go).
	keywords keywordIndex
	// waypoint is the 1-based ordinal of a defaults section whose answers
	// up its chain are remembered in chains (chain.go), 0 for the others.
	waypoint int
	chains   *chainTables
	// mode is the effective "mode" line, resolved at load (index.go).
	mode sectionMode
}

// Pos returns the position of the section header.
func (s *Section) Pos() Pos { return s.Header.Pos() }

// IsProxy reports whether the section is a frontend, backend or listen.
func (s *Section) IsProxy() bool {
	return s.Kind == "frontend" || s.Kind == "backend" || s.Kind == "listen"
}

// HasFrontend reports whether the section accepts traffic (frontend, listen).
func (s *Section) HasFrontend() bool { return s.Kind == "frontend" || s.Kind == "listen" }

// HasBackend reports whether the section holds servers (backend, listen).
func (s *Section) HasBackend() bool { return s.Kind == "backend" || s.Kind == "listen" }

// Directive is one configuration line with at least one word.
type Directive struct {
	Words   []Word
	Section *Section
	file    *File  // where the line is; nil for a directive built in code
	line    uint32 // 1-based line number in file
	// server caches the decoded server line (see Config.ServerLine).
	server *ServerLine
}

// Pos returns the position of the first word.
func (d *Directive) Pos() Pos {
	p := Pos{Line: int(d.line), Col: int(d.Words[0].Col())}
	if d.file != nil {
		p.File = d.file.Name
	}
	return p
}

// Raw returns the line as written, for snippets.
func (d *Directive) Raw() string {
	if d.file == nil {
		return ""
	}
	return d.file.Line(int(d.line))
}

// Keyword returns the first word.
func (d *Directive) Keyword() string { return d.Words[0].Text() }

// Arg returns word i (0 is the keyword), or the zero Word if absent.
func (d *Directive) Arg(i int) Word {
	if i < len(d.Words) {
		return d.Words[i]
	}
	return Word{}
}

// Args returns the words after the keyword.
func (d *Directive) Args() []Word { return d.Words[1:] }

// PosOf returns the position of word i, or of the directive if i is absent.
func (d *Directive) PosOf(i int) Pos {
	if i < len(d.Words) {
		return Pos{File: d.Pos().File, Line: d.Pos().Line, Col: int(d.Words[i].Col())}
	}
	return d.Pos()
}

// EndOf returns the position just after word i on the line, a best effort
// for quoted words.
func (d *Directive) EndOf(i int) Pos {
	p := d.PosOf(i)
	if i < len(d.Words) {
		p.Col += len(d.Words[i].Text())
	}
	return p
}

// Is reports whether the directive starts with exactly these words.
func (d *Directive) Is(words ...string) bool {
	if len(d.Words) < len(words) {
		return false
	}
	for i, w := range words {
		if d.Words[i].Text() != w {
			return false
		}
	}
	return true
}

// Text returns the words joined by single spaces.
func (d *Directive) Text() string {
	parts := make([]string, len(d.Words))
	for i, w := range d.Words {
		parts[i] = w.Text()
	}
	return strings.Join(parts, " ")
}

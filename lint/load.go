package lint

import (
	"strings"
	"unsafe"
)

// Input is one configuration file's name and content.
type Input struct {
	Name string
	Data []byte
}

// sectionKeywords are the words that open a section (manual §3, §4, and the
// auxiliary sections of later chapters).
var sectionKeywords = map[string]bool{
	"global": true, "defaults": true, "frontend": true, "backend": true, "listen": true,
	"resolvers": true, "userlist": true, "peers": true, "mailers": true, "cache": true,
	"program": true, "http-errors": true, "ring": true, "log-forward": true, "fcgi-app": true,
	"crt-store": true, "traces": true, "acme": true, "log-profile": true, "healthcheck": true,
}

// IsSectionKeyword reports whether word opens a section.
func IsSectionKeyword(word string) bool { return sectionKeywords[word] }

// Load reads inputs, in order, as one configuration. Words and lines share
// the memory of each Input.Data, which must not be modified afterwards. It never fails: every
// problem becomes a Fault or is left to the rules.
func Load(inputs []Input, opts Options) *Config {
	c := &Config{byName: map[sectionKey]*Section{}}
	a := &arena{} // shared by every file: many small files cost no more than one large one
	for _, in := range inputs {
		c.loadFile(in, opts, a)
	}
	c.resolveDefaults()
	c.buildIndexes()
	c.dec = newDecoder()
	c.buildServerViews()
	return c
}

type fileLoader struct {
	c    *Config
	file *File
	cond condStack
	opts Options
	cur  *Section
	// pending are suppression comments waiting for the next directive.
	pending []*Suppression
	scanner lineScanner
	arena   *arena
}

func (c *Config) loadFile(in Input, opts Options, a *arena) {
	f, err := newFile(in.Name, dataString(in.Data))
	if err != nil {
		c.addFault(FaultLexical, Pos{File: in.Name}, err.Error())
		return
	}
	c.Files = append(c.Files, f)
	l := &fileLoader{c: c, file: f, opts: opts, arena: a}
	// Each file starts outside any section, as in HAProxy: a directive at
	// the top of a second -f file is "out of section".
	for n := 1; n <= f.LineCount(); n++ {
		l.line(n, f.Line(n))
	}
	if l.cond.depth() > 0 {
		c.addFault(FaultConditional, Pos{File: f.Name, Line: f.LineCount()},
			"missing .endif: a conditional block is still open at the end of the file")
	}
}

func (l *fileLoader) line(n int, raw string) {
	pos := Pos{File: l.file.Name, Line: n, Col: 1}
	if i := strings.IndexByte(raw, 0); i >= 0 {
		pos.Col = i + 1
		l.c.addFault(FaultLexical, pos, "NUL byte in the line: HAProxy rejects the file")
		return
	}
	words, errs := l.scanner.scan(raw)
	for _, e := range errs {
		pos.Col = e.Col
		l.c.addFault(FaultLexical, pos, e.Message)
	}
	l.collectSuppression(n, raw, len(words) > 0)
	if len(words) == 0 || (len(errs) > 0 && len(words) <= maxLineWords) {
		return
	}
	l.attachPending(n)
	pos.Col = int(words[0].Col())
	d := l.arena.newDirective()
	*d = Directive{Words: l.arena.copyWords(words), file: l.file, line: uint32(n)}
	if strings.HasPrefix(words[0].Text(), ".") {
		l.conditional(d)
		return
	}
	if !l.cond.active() {
		return
	}
	l.directive(d)
}

func (l *fileLoader) directive(d *Directive) {
	if IsSectionKeyword(d.Keyword()) {
		l.cur = l.c.openSection(d)
		return
	}
	if l.cur == nil {
		l.c.Orphans = append(l.c.Orphans, d)
		return
	}
	d.Section = l.cur
	l.cur.Directives = append(l.cur.Directives, d)
}

func (c *Config) openSection(d *Directive) *Section {
	s := &Section{Kind: d.Keyword(), Header: d, Index: len(c.Sections)}
	args := d.Args()
	if len(args) > 0 && args[0].Text() != "from" {
		s.Name = args[0].Text()
		args = args[1:]
	}
	if len(args) >= 2 && args[0].Text() == "from" {
		s.From = args[1].Text()
	}
	d.Section = s
	c.Sections = append(c.Sections, s)
	key := sectionKey{s.Kind, s.Name}
	if _, dup := c.byName[key]; !dup {
		c.byName[key] = s
	}
	return s
}

func (c *Config) addFault(kind FaultKind, pos Pos, msg string) {
	c.Faults = append(c.Faults, Fault{Kind: kind, Pos: pos, Message: msg})
}

// dataString returns data as a string without copying it (a 24 MB
// configuration is then held once, not twice); see Load.
func dataString(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	return unsafe.String(&data[0], len(data))
}

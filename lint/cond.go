package lint

import (
	"fmt"
	"strings"
)

// condStack tracks .if/.elif/.else/.endif blocks (manual §2.4).
type condStack struct {
	frames []condFrame
}

type condFrame struct {
	parentActive bool // the enclosing block is active
	taken        bool // a branch of this block was already chosen
	active       bool // the current branch is active
	elseSeen     bool
	// guessed is set once a condition of this block could not be decided
	// (unknown environment, compound expression): which branch HAProxy
	// takes is then not known.
	guessed bool
}

func (s *condStack) depth() int { return len(s.frames) }

func (s *condStack) active() bool {
	return len(s.frames) == 0 || s.frames[len(s.frames)-1].active
}

// certain reports whether every enclosing block's branch was decided
// without guessing.
func (s *condStack) certain() bool {
	for _, f := range s.frames {
		if f.guessed {
			return false
		}
	}
	return true
}

func (l *fileLoader) conditional(d *Directive) {
	switch d.Keyword() {
	case ".if":
		parent := l.cond.active()
		v, known := l.evalCond(d)
		v = parent && v
		l.cond.frames = append(l.cond.frames, condFrame{parentActive: parent, taken: v, active: v, guessed: !known})
	case ".elif", ".else":
		l.branch(d)
	case ".endif":
		if l.cond.depth() == 0 {
			l.c.addFault(FaultConditional, d.Pos(), ".endif without .if")
			return
		}
		l.cond.frames = l.cond.frames[:len(l.cond.frames)-1]
	case ".alert":
		// An .alert reached in an active block stops HAProxy: the author's
		// guard against a missing setting. Blocks that depend on an unknown
		// environment count as not taken, so this needs a known environment.
		if l.cond.active() && l.cond.certain() {
			l.c.addFault(FaultConditional, d.Pos(), fmt.Sprintf(
				".alert %q is reached: HAProxy prints it and refuses the configuration", argText(d)))
		}
	case ".diag", ".notice", ".warning":
		// Messages printed by HAProxy while loading.
	default:
		l.c.addFault(FaultConditional, d.Pos(), "unknown directive "+d.Keyword())
	}
}

func (l *fileLoader) branch(d *Directive) {
	if l.cond.depth() == 0 {
		l.c.addFault(FaultConditional, d.Pos(), d.Keyword()+" without .if")
		return
	}
	f := &l.cond.frames[len(l.cond.frames)-1]
	if f.elseSeen {
		l.c.addFault(FaultConditional, d.Pos(), d.Keyword()+" after .else")
		return
	}
	if d.Keyword() == ".else" {
		f.elseSeen = true
		f.active = f.parentActive && !f.taken
	} else {
		v, known := l.evalCond(d)
		f.active = f.parentActive && !f.taken && v
		f.guessed = f.guessed || !known
	}
	f.taken = f.taken || f.active
}

// evalCond evaluates a condition as far as the linter can know it. What
// cannot be decided statically (an environment that was not supplied, a
// build feature) counts as true, so the first such branch is the one
// checked; known is false then.
func (l *fileLoader) evalCond(d *Directive) (v, known bool) {
	args := d.Args()
	if len(args) == 0 {
		l.c.addFault(FaultConditional, d.Pos(), d.Keyword()+" without a condition")
		return false, true
	}
	expr := args[0].Text()
	if len(args) > 1 {
		return true, false // compound expressions: not evaluated
	}
	neg := strings.HasPrefix(expr, "!")
	v, known = l.evalTerm(strings.TrimPrefix(expr, "!"))
	return v != neg, known
}

func (l *fileLoader) evalTerm(t string) (v, known bool) {
	name, arg, ok := splitPredicate(t)
	if !ok {
		return t != "0" && t != "", !strings.Contains(t, "$")
	}
	switch name {
	case "defined":
		if l.opts.Env == nil {
			return true, false
		}
		_, set := l.opts.Env[arg]
		return set, true
	case "version_atleast":
		v, err := ParseVersion(arg)
		return err != nil || !l.opts.HAProxyVersion.Less(v), err == nil
	case "version_before":
		v, err := ParseVersion(arg)
		return err != nil || l.opts.HAProxyVersion.Less(v), err == nil
	}
	return true, false
}

func splitPredicate(t string) (name, arg string, ok bool) {
	open := strings.IndexByte(t, '(')
	if open < 0 || !strings.HasSuffix(t, ")") {
		return "", "", false
	}
	return t[:open], t[open+1 : len(t)-1], true
}

// argText joins the words after the keyword, as HAProxy prints them.
func argText(d *Directive) string {
	parts := make([]string, 0, len(d.Words)-1)
	for _, w := range d.Args() {
		parts = append(parts, w.Text())
	}
	return strings.Join(parts, " ")
}

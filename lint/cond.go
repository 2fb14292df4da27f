package lint

import "strings"

// condStack tracks .if/.elif/.else/.endif blocks (manual §2.4).
type condStack struct {
	frames []condFrame
}

type condFrame struct {
	parentActive bool // the enclosing block is active
	taken        bool // a branch of this block was already chosen
	active       bool // the current branch is active
	elseSeen     bool
}

func (s *condStack) depth() int { return len(s.frames) }

func (s *condStack) active() bool {
	return len(s.frames) == 0 || s.frames[len(s.frames)-1].active
}

func (l *fileLoader) conditional(d *Directive) {
	switch d.Keyword() {
	case ".if":
		parent := l.cond.active()
		v := parent && l.evalCond(d)
		l.cond.frames = append(l.cond.frames, condFrame{parentActive: parent, taken: v, active: v})
	case ".elif", ".else":
		l.branch(d)
	case ".endif":
		if l.cond.depth() == 0 {
			l.c.addFault(FaultConditional, d.Pos, ".endif without .if")
			return
		}
		l.cond.frames = l.cond.frames[:len(l.cond.frames)-1]
	case ".diag", ".notice", ".warning", ".alert":
		// Messages printed by HAProxy while loading; .alert inside an active
		// block makes HAProxy fail, which is the author's intent.
	default:
		l.c.addFault(FaultConditional, d.Pos, "unknown directive "+d.Keyword())
	}
}

func (l *fileLoader) branch(d *Directive) {
	if l.cond.depth() == 0 {
		l.c.addFault(FaultConditional, d.Pos, d.Keyword()+" without .if")
		return
	}
	f := &l.cond.frames[len(l.cond.frames)-1]
	if f.elseSeen {
		l.c.addFault(FaultConditional, d.Pos, d.Keyword()+" after .else")
		return
	}
	if d.Keyword() == ".else" {
		f.elseSeen = true
		f.active = f.parentActive && !f.taken
	} else {
		f.active = f.parentActive && !f.taken && l.evalCond(d)
	}
	f.taken = f.taken || f.active
}

// evalCond evaluates a condition as far as the linter can know it. What
// cannot be decided statically (an environment that was not supplied, a
// build feature) counts as true, so the first such branch is the one checked.
func (l *fileLoader) evalCond(d *Directive) bool {
	args := d.Args()
	if len(args) == 0 {
		l.c.addFault(FaultConditional, d.Pos, d.Keyword()+" without a condition")
		return false
	}
	expr := args[0].Text
	if len(args) > 1 {
		return true // compound expressions: not evaluated
	}
	neg := strings.HasPrefix(expr, "!")
	v := l.evalTerm(strings.TrimPrefix(expr, "!"))
	return v != neg
}

func (l *fileLoader) evalTerm(t string) bool {
	name, arg, ok := splitPredicate(t)
	if !ok {
		return t != "0" && t != ""
	}
	switch name {
	case "defined":
		if l.opts.Env == nil {
			return true
		}
		_, set := l.opts.Env[arg]
		return set
	case "version_atleast":
		v, err := ParseVersion(arg)
		return err != nil || !l.opts.HAProxyVersion.Less(v)
	case "version_before":
		v, err := ParseVersion(arg)
		return err != nil || l.opts.HAProxyVersion.Less(v)
	}
	return true
}

func splitPredicate(t string) (name, arg string, ok bool) {
	open := strings.IndexByte(t, '(')
	if open < 0 || !strings.HasSuffix(t, ")") {
		return "", "", false
	}
	return t[:open], t[open+1 : len(t)-1], true
}

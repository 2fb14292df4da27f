package lint

import (
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync"
)

// Run applies rules to cfg and returns their findings, sorted. Rules run in
// parallel (the model is read-only by then); each keeps its own findings,
// so the result does not depend on scheduling. A rule that fails or panics
// does not stop the others: its fault is returned in err (joined), and the
// findings of all other rules are still returned.
func Run(cfg *Config, rules []*Rule, opts Options) ([]Diagnostic, error) {
	results := make([]findings, len(rules))
	errs := make([]error, len(rules))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(rules)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pass := &Pass{Rule: rules[i], Config: cfg, Options: opts,
					report: results[i].add}
				errs[i] = runRule(pass)
			}
		}()
	}
	for i := range rules {
		next <- i
	}
	close(next)
	wg.Wait()
	n := 0
	for _, r := range results {
		n += r.len()
	}
	diags := make([]Diagnostic, 0, n)
	for _, r := range results {
		diags = r.appendTo(diags)
	}
	SortDiagnostics(diags)
	return diags, errors.Join(errs...)
}

// findings collects one rule's diagnostics in chunks (8, 16, ... up to
// 256), so that a rule reporting on every one of 50,000 backends never
// copies what it has already reported.
type findings struct {
	chunks [][]Diagnostic
}

func (f *findings) add(d Diagnostic) {
	if n := len(f.chunks); n == 0 || len(f.chunks[n-1]) == cap(f.chunks[n-1]) {
		size := 8
		if n > 0 {
			size = min(256, 2*cap(f.chunks[n-1]))
		}
		f.chunks = append(f.chunks, make([]Diagnostic, 0, size))
	}
	last := &f.chunks[len(f.chunks)-1]
	*last = append(*last, d)
}

func (f *findings) len() int {
	n := 0
	for _, c := range f.chunks {
		n += len(c)
	}
	return n
}

func (f *findings) appendTo(out []Diagnostic) []Diagnostic {
	for _, c := range f.chunks {
		out = append(out, c...)
	}
	return out
}

func runRule(p *Pass) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("rule %s (%s) panicked: %v\n%s", p.Rule.ID, p.Rule.Name, r, debug.Stack())
		}
	}()
	if err := p.Rule.Run(p); err != nil {
		return fmt.Errorf("rule %s (%s): %w", p.Rule.ID, p.Rule.Name, err)
	}
	return nil
}

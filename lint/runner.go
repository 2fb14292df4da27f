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
	results := make([][]Diagnostic, len(rules))
	errs := make([]error, len(rules))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(rules)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pass := &Pass{Rule: rules[i], Config: cfg, Options: opts,
					report: func(d Diagnostic) { results[i] = append(results[i], d) }}
				errs[i] = runRule(pass)
			}
		}()
	}
	for i := range rules {
		next <- i
	}
	close(next)
	wg.Wait()
	var diags []Diagnostic
	for _, r := range results {
		diags = append(diags, r...)
	}
	SortDiagnostics(diags)
	return diags, errors.Join(errs...)
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

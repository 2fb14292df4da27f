package lint

import (
	"errors"
	"fmt"
	"runtime/debug"
)

// Run applies rules to cfg and returns their findings, sorted. A rule that
// fails or panics does not stop the others: its fault is returned in err
// (joined), and the findings of all other rules are still returned.
func Run(cfg *Config, rules []*Rule, opts Options) ([]Diagnostic, error) {
	var diags []Diagnostic
	var errs []error
	for _, r := range rules {
		pass := &Pass{Rule: r, Config: cfg, Options: opts,
			report: func(d Diagnostic) { diags = append(diags, d) }}
		if err := runRule(pass); err != nil {
			errs = append(errs, err)
		}
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

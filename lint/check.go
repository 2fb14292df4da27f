package lint

import (
	"errors"
	"fmt"
)

// Settings decide which rules run and how their findings are weighed.
type Settings struct {
	Options Options
	// Rules are the rules to run.
	Rules []*Rule
	// Severity overrides a rule's severity, by rule ID.
	Severity map[string]Severity
	// InlineIgnores honours # hapguard:ignore comments.
	InlineIgnores bool
	// SuppressionRule reports malformed and unused suppressions; nil to skip.
	SuppressionRule *Rule
	// Resolve maps rule IDs and names to IDs, for suppressions.
	Resolve RuleResolver
	// Loaded, if set, is called once the model is built, before the rules
	// run (a command can switch its memory policy there).
	Loaded func(*Config)
}

// Check loads inputs as one configuration, runs the rules, applies inline
// suppressions and severity overrides, and returns sorted findings. err
// reports internal faults of rules only; the findings are still complete
// for every other rule.
func Check(inputs []Input, s Settings) (*Config, []Diagnostic, error) {
	cfg := Load(inputs, s.Options)
	if s.Loaded != nil {
		s.Loaded(cfg)
	}
	diags, err := Run(cfg, s.Rules, s.Options)
	if s.InlineIgnores {
		report := s.SuppressionRule
		if report != nil && !containsRule(s.Rules, report.ID) {
			report = nil
		}
		diags = ApplySuppressions(cfg, diags, s.Resolve, report)
	}
	for i := range diags {
		if sev, ok := s.Severity[diags[i].RuleID]; ok {
			diags[i].Severity = sev
		}
	}
	return cfg, diags, err
}

func containsRule(rules []*Rule, id string) bool {
	for _, r := range rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

// NewResolver returns a RuleResolver over a rule set.
func NewResolver(all []*Rule) RuleResolver {
	index := map[string]string{}
	for _, r := range all {
		index[r.ID] = r.ID
		index[r.Name] = r.ID
	}
	return func(s string) (string, bool) {
		id, ok := index[s]
		return id, ok
	}
}

// Apply merges the file's settings into s, resolving rule names against
// all. Unknown rules are errors naming the file and line.
func (fc *FileConfig) Apply(all []*Rule, s *Settings) error {
	resolve := NewResolver(all)
	var errs []error
	ids := func(refs []ruleRef) map[string]bool {
		out := map[string]bool{}
		for _, r := range refs {
			if id, ok := resolve(r.Name); ok {
				out[id] = true
			} else {
				errs = append(errs, fmt.Errorf("%s:%d: unknown rule %q (see hapguard rules)", fc.Path, r.Line, r.Name))
			}
		}
		return out
	}
	enable, disable := ids(fc.Enable), ids(fc.Disable)
	s.Rules = nil
	for _, r := range all {
		if (len(enable) == 0 || enable[r.ID]) && !disable[r.ID] {
			s.Rules = append(s.Rules, r)
		}
	}
	for name, sev := range fc.Severity {
		id, ok := resolve(name)
		if !ok {
			errs = append(errs, fmt.Errorf("%s: severity: unknown rule %q", fc.Path, name))
			continue
		}
		if s.Severity == nil {
			s.Severity = map[string]Severity{}
		}
		s.Severity[id] = sev.Severity
	}
	fc.applyOptions(&s.Options)
	return errors.Join(errs...)
}

func (fc *FileConfig) applyOptions(o *Options) {
	if fc.HAProxyVersion != nil {
		o.HAProxyVersion = fc.HAProxyVersion.Version
		o.VersionSource = VersionFromConfigFile(fc.Path, fc.HAProxyVersion.Line)
	}
	if fc.Thresholds.MinServerTimeout != nil {
		o.MinServerTimeout = fc.Thresholds.MinServerTimeout.Duration
	}
	if fc.Env != nil {
		o.Env = fc.Env
	}
}

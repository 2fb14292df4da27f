package lint

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Rule is one check. A rule is a value, like an analyzer in
// golang.org/x/tools/go/analysis: it reports findings through its Pass and
// returns an error only for an internal fault.
type Rule struct {
	ID       string // stable identifier, e.g. "HG101"
	Name     string // stable kebab-case name, accepted wherever an ID is
	Severity Severity
	Doc      Doc
	Run      func(*Pass) error
}

// Doc is a rule's documentation, printed by `hapguard explain`.
type Doc struct {
	Title string // one line, no final period
	// Why explains how the fault breaks traffic and which HTTP status
	// (502/503/504) or startup failure it leads to.
	Why  string
	Bad  string // a configuration excerpt that triggers the rule
	Good string // the same excerpt, fixed
	Fix  string // what to change
	// Manual names the section(s) of HAProxy's configuration manual.
	Manual string
	// HAProxyRejects says that `haproxy -c` itself refuses Bad; tests check it.
	HAProxyRejects bool
	Since          string // hapguard version that introduced the rule
}

// ruleIDPattern is HG, a family digit and a number from 01 to 99. The
// families are HG0xx structure, HG1xx addresses and ports, HG2xx name
// resolution, HG3xx health checks, HG4xx timeouts, HG5xx routing and
// balancing, HG6xx TLS (DESIGN §2.3).
var (
	ruleIDPattern   = regexp.MustCompile(`^HG[0-6](0[1-9]|[1-9][0-9])$`)
	ruleNamePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Validate checks a rule set: IDs and names well-formed and unique, every
// rule documented and runnable. It returns all problems joined.
func Validate(rules []*Rule) error {
	var errs []error
	seen := map[string]string{}
	for _, r := range rules {
		for _, key := range []string{r.ID, r.Name} {
			if prev, dup := seen[key]; dup {
				errs = append(errs, fmt.Errorf("%s: %q already used by %s", r.ID, key, prev))
			}
			seen[key] = r.ID
		}
		errs = append(errs, validateRule(r)...)
	}
	return errors.Join(errs...)
}

func validateRule(r *Rule) []error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{r.ID}, args...)...))
	}
	if !ruleIDPattern.MatchString(r.ID) {
		bad("ID must be HG, a family digit from 0 to 6 (structure, addresses, resolution, checks, timeouts, routing, TLS) and a number from 01 to 99, like HG101")
	}
	if !ruleNamePattern.MatchString(r.Name) {
		bad("name %q must be kebab-case", r.Name)
	}
	if r.Severity < Info || r.Severity > Error {
		bad("invalid severity %d", r.Severity)
	}
	if r.Run == nil {
		bad("no Run function")
	}
	d := r.Doc
	for field, v := range map[string]string{"Title": d.Title, "Why": d.Why, "Bad": d.Bad, "Good": d.Good, "Fix": d.Fix, "Manual": d.Manual, "Since": d.Since} {
		if strings.TrimSpace(v) == "" {
			bad("Doc.%s is empty", field)
		}
	}
	if strings.HasSuffix(d.Title, ".") {
		bad("Doc.Title must not end with a period")
	}
	return errs
}

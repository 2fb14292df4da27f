// Package rules holds hapguard's checks, one file per rule or small family.
// IDs are grouped by family: HG0xx structure, HG1xx addresses and ports,
// HG2xx name resolution, HG3xx health checks, HG4xx timeouts, HG5xx routing
// and balancing, HG6xx TLS (DESIGN §2.3). IDs and names never change.
package rules

import (
	"slices"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// All returns every rule, ordered by ID.
func All() []*lint.Rule {
	var all []*lint.Rule
	for _, family := range [][]*lint.Rule{
		structureRules(), addressRules(), resolveRules(), checkRules(), timeoutRules(),
		routingRules(), tlsRules(),
	} {
		all = append(all, family...)
	}
	slices.SortFunc(all, func(a, b *lint.Rule) int { return strings.Compare(a.ID, b.ID) })
	return all
}

// Lookup finds a rule by ID or name.
func Lookup(idOrName string) (*lint.Rule, bool) {
	for _, r := range All() {
		if r.ID == idOrName || r.Name == idOrName {
			return r, true
		}
	}
	return nil, false
}

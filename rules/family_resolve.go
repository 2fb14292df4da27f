package rules

import "github.com/hapguard/hapguard/lint"

// resolveRules are the HG2xx rules: name resolution.
func resolveRules() []*lint.Rule {
	return []*lint.Rule{HostnameWithoutResolvers, UnresolvableNameBlocksStart, ResolversWithLibc,
		ResolversUndefined, ResolversTruncateSRV, InitAddrNoneOnly}
}

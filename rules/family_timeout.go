package rules

import "github.com/hapguard/hapguard/lint"

// timeoutRules are the HG4xx rules: timeouts.
func timeoutRules() []*lint.Rule { return nil }

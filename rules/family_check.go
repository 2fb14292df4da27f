package rules

import "github.com/hapguard/hapguard/lint"

// checkRules are the HG3xx rules: health checks.
func checkRules() []*lint.Rule { return nil }

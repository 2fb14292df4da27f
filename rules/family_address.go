package rules

import "github.com/hapguard/hapguard/lint"

// addressRules are the HG1xx rules: server addresses and ports.
func addressRules() []*lint.Rule { return nil }

package rules

import "github.com/hapguard/hapguard/lint"

// tlsRules are the HG6xx rules: TLS toward servers.
func tlsRules() []*lint.Rule {
	return []*lint.Rule{SSLWithoutCAFile, TLSPortMismatch, VerifyNone, TLSWithoutSNI}
}

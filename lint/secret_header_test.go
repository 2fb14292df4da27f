package lint

import (
	"regexp"
	"testing"
)

// secretHeaderSpec is what isSecretHeader implements, as it was first
// written.
var secretHeaderSpec = regexp.MustCompile(`(?i)^(proxy-)?authorization$|^cookie$|^set-cookie$|api[-_]?key|auth[-_]?token|^x-(auth|token|secret)`)

func TestIsSecretHeaderMatchesItsSpecification(t *testing.T) {
	for _, h := range []string{"Authorization", "proxy-AUTHORIZATION", "authorization2", "Cookie", "cookies", "Set-Cookie",
		"X-Api-Key", "x-apikey", "my_api_key_v2", "X-Auth-Token", "authtoken", "X-Auth", "x-token-id", "X-Secret",
		"x-secretive", "X-Forwarded-For", "Host", "", "x-", "api-keys", "auth-tokens", "X-H123", "apikey"} {
		if got, want := isSecretHeader(h), secretHeaderSpec.MatchString(h); got != want {
			t.Errorf("isSecretHeader(%q) = %v, want %v", h, got, want)
		}
	}
}

func FuzzIsSecretHeader(f *testing.F) {
	f.Add("X-Api-Key")
	f.Fuzz(func(t *testing.T, h string) {
		if !isASCII(h) {
			return // the specification folds Unicode; header names are ASCII
		}
		if got, want := isSecretHeader(h), secretHeaderSpec.MatchString(h); got != want {
			t.Errorf("isSecretHeader(%q) = %v, want %v", h, got, want)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

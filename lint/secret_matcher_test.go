package lint

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// naiveMask is the masking the matcher replaces: each value, longest
// first, replaced everywhere.
func naiveMask(s string, values []string) string {
	sorted := append([]string(nil), values...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	for _, v := range sorted {
		s = strings.ReplaceAll(s, v, Mask)
	}
	return s
}

func TestSecretMatcherMasksLikeReplacingLongestFirst(t *testing.T) {
	values := []string{"Bearer s3cr3t", "s3cr3t", "hunter2", "admin:hunter2", "tok-123", "tok-1234"}
	m := newSecretMatcher(values)
	for _, s := range []string{
		"", "nothing here", `header "Authorization" is "Bearer s3cr3t"`, "s3cr3ts3cr3t", "user admin:hunter2 and hunter2",
		"tok-1234 then tok-123 then tok-12", "hunter", "xx hunter2xx",
	} {
		if got, want := m.replace(s, Mask), naiveMask(s, values); got != want {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
	}
}

// Random values over a small alphabet (so that they overlap and nest) and
// random texts: where the naive masking leaves no secret behind, the
// matcher agrees with it; the matcher itself never leaves one.
func TestSecretMatcherAgreesOnRandomTexts(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 9))
	word := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = "abc"[rng.IntN(3)]
		}
		return string(b)
	}
	for round := range 2000 {
		var values []string
		for range 1 + rng.IntN(6) {
			values = append(values, word(3+rng.IntN(4)))
		}
		m := newSecretMatcher(values)
		s := word(rng.IntN(40))
		got := m.replace(s, Mask)
		for _, v := range values {
			if strings.Contains(got, v) {
				t.Fatalf("round %d: %q masked as %q still holds %q", round, s, got, v)
			}
		}
		// Overlapping occurrences can be masked differently by the two
		// orders; without overlaps they must agree.
		if !overlaps(s, values) {
			if want := naiveMask(s, values); got != want {
				t.Fatalf("round %d: %q with %q: got %q, want %q", round, s, values, got, want)
			}
		}
	}
}

// overlaps reports whether two occurrences of values in s share a byte.
func overlaps(s string, values []string) bool {
	covered := make([]int, len(s)+1)
	for _, v := range values {
		for i := 0; i+len(v) <= len(s); i++ {
			if s[i:i+len(v)] == v {
				covered[i]++
				covered[i+len(v)]--
			}
		}
	}
	depth := 0
	for _, c := range covered {
		if depth += c; depth > 1 {
			return true
		}
	}
	return false
}

package report

import (
	"encoding/json"
	"testing"
)

// The JSON report writes its diagnostics by hand; these hold it to
// encoding/json byte for byte.
func TestAppendJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{
		"", "plain", `quote " and \ backslash`, "<tag> & amp", "tab\tnew\nline\rcr\bbs\fff",
		"\x00\x01\x1f\x7f", "é ü 日本", "line\u2028para\u2029end", "bad \xff\xfe utf8 \xc3", "ends in \xe2\x80",
		`timeout server 30: "30" is 30 ms`,
	} {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	f.Add("a<b>&\"\\\n\u2028\xff")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	})
}

func TestAppendJSONDiagnosticMatchesMarshalIndent(t *testing.T) {
	for _, d := range []jsonDiagnostic{
		{RuleID: "HG402", RuleName: "timeout-no-unit", Severity: "warning", Message: `"timeout server 30" <ms> & more`,
			File: "a b/haproxy.cfg", Line: 12, Column: 5, EndLine: 12, EndCol: 22, DocURL: "https://x/HG402"},
		{RuleID: "HG001", Severity: "error", File: "f.cfg", Line: 1, Column: 0},
		{RuleID: "HG002", EndLine: 3},
		{RuleID: "HG003", EndCol: 7},
	} {
		want, _ := json.MarshalIndent(d, "    ", "  ")
		if got := appendJSONDiagnostic(nil, d); string(got) != string(want) {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	}
}

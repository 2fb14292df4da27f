package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

type scanned struct {
	Texts []string
	Cols  []int
	Errs  []LexError
}

func scanForTest(line string) scanned {
	words, errs := scanLine(line)
	var s scanned
	for _, w := range words {
		s.Texts = append(s.Texts, w.Text())
		s.Cols = append(s.Cols, int(w.Col()))
	}
	s.Errs = errs
	return s
}

// TestScanLineFollowsHAProxyQuoting checks the tokenizer against the
// examples of manual §2.2.
func TestScanLineFollowsHAProxyQuoting(t *testing.T) {
	cases := []struct {
		line string
		want scanned
	}{
		{"  server s1 10.0.0.1:80 check", scanned{Texts: []string{"server", "s1", "10.0.0.1:80", "check"}, Cols: []int{3, 10, 13, 25}}},
		{`log-format %{+Q}o\ %t\ %s`, scanned{Texts: []string{"log-format", "%{+Q}o %t %s"}, Cols: []int{1, 12}}},
		{`log-format "%{+Q}o %t"' %s'\ %{-Q}r`, scanned{Texts: []string{"log-format", "%{+Q}o %t %s %{-Q}r"}, Cols: []int{1, 12}}},
		{`acl a path_reg ^/a\.b$ # comment`, scanned{Texts: []string{"acl", "a", "path_reg", `^/a\.b$`}, Cols: []int{1, 5, 7, 16}}},
		{`x \#y "a#b" c#d`, scanned{Texts: []string{"x", "#y", "a#b", "c"}, Cols: []int{1, 3, 7, 13}}},
		{`x "\x41\"" '\n'`, scanned{Texts: []string{"x", `A"`, `\n`}, Cols: []int{1, 3, 12}}},
		{`x "open`, scanned{Texts: []string{"x"}, Cols: []int{1}, Errs: []LexError{{Col: 3, Message: "unterminated double quote"}}}},
		{`x \x4g`, scanned{Texts: []string{"x"}, Cols: []int{1}, Errs: []LexError{{Col: 3, Message: "truncated or invalid hexadecimal escape (want \\xNN)"}}}},
		{`x y \`, scanned{Texts: []string{"x", "y"}, Cols: []int{1, 3}, Errs: []LexError{{Col: 5, Message: "backslash at end of line: HAProxy has no line continuation, the next line is not joined"}}}},
		{"\t# only a comment", scanned{}},
	}
	for _, c := range cases {
		if diff := cmp.Diff(c.want, scanForTest(c.line)); diff != "" {
			t.Errorf("scanLine(%q) (-want +got):\n%s", c.line, diff)
		}
	}
}

func TestWordVarsAndExpand(t *testing.T) {
	words, _ := scanLine(`server s1 "${HOST}:${PORT-8080}" $UNQUOTED`)
	addr, unquoted := words[2], words[3]
	want := []VarRef{{Name: "HOST", Offset: 0}, {Name: "PORT", Default: "8080", HasDefault: true, Offset: 8}}
	if diff := cmp.Diff(want, addr.Vars()); diff != "" {
		t.Errorf("Vars (-want +got):\n%s", diff)
	}
	if !addr.VarsQuoted() || unquoted.VarsQuoted() || !unquoted.HasVars() {
		t.Errorf("quoting flags: addr quoted=%v, unquoted quoted=%v has=%v", addr.VarsQuoted(), unquoted.VarsQuoted(), unquoted.HasVars())
	}
	env := map[string]string{"HOST": "10.0.0.1"}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	if got := addr.Expand(lookup); got != "10.0.0.1:8080" {
		t.Errorf("Expand = %q", got)
	}
}

func TestScanLineTooManyWords(t *testing.T) {
	line := "acl a path"
	for range 70 {
		line += " x"
	}
	if got := scanForTest(line); len(got.Errs) != 1 {
		t.Errorf("want one error for more than 64 words, got %+v", got.Errs)
	}
}

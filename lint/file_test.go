package lint

import (
	"slices"
	"testing"
	"unsafe"
)

func TestFileLines(t *testing.T) {
	for _, tc := range []struct {
		text  string
		lines []string
		noLF  bool
	}{
		{"", nil, false},
		{"\n", nil, false},
		{"a", []string{"a"}, true},
		{"a\n", []string{"a"}, false},
		{"a\r\nb\r\n", []string{"a", "b"}, false},
		{"a\n\nb", []string{"a", "", "b"}, true},
		{"a\n\n", []string{"a", ""}, false},
	} {
		f, err := newFile("t.cfg", tc.text)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for n := 1; n <= f.LineCount(); n++ {
			got = append(got, f.Line(n))
		}
		if !slices.Equal(got, tc.lines) || f.MissingFinalLF != tc.noLF || f.Line(0) != "" || f.Line(f.LineCount()+1) != "" {
			t.Errorf("%q: lines %q missing LF %v, want %q %v", tc.text, got, f.MissingFinalLF, tc.lines, tc.noLF)
		}
	}
}

// A Directive is the other bulk of a large configuration's heap (one per
// line): its position and snippet are computed from the file.
func TestDirectiveIsSmall(t *testing.T) {
	if got := unsafe.Sizeof(Directive{}); got > 56 {
		t.Errorf("Directive is %d bytes, want at most 56", got)
	}
	d := Load([]Input{{Name: "a.cfg", Data: []byte("global\n  maxconn 10\r\n")}}, DefaultOptions()).Sections[0].Directives[0]
	if got, want := d.Pos(), (Pos{File: "a.cfg", Line: 2, Col: 3}); got != want {
		t.Errorf("Pos() = %v, want %v", got, want)
	}
	if d.Raw() != "  maxconn 10" {
		t.Errorf("Raw() = %q", d.Raw())
	}
}

package rules

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/lint"
)

// TestOutputIndependentOfGOMAXPROCS lints every rule test case with all
// rules on one processor and on eight: the findings are the same, in the
// same order.
func TestOutputIndependentOfGOMAXPROCS(t *testing.T) {
	cases := ruleCaseFiles(t)
	if len(cases) < 100 {
		t.Fatalf("%d rule test cases found", len(cases))
	}
	lintAll := func() map[string][]lint.Diagnostic {
		out := map[string][]lint.Diagnostic{}
		for _, in := range cases {
			opts := lint.DefaultOptions()
			diags, err := lint.Run(lint.Load([]lint.Input{in}, opts), All(), opts)
			if err != nil {
				t.Fatalf("%s: %v", in.Name, err)
			}
			out[in.Name] = diags
		}
		return out
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := lintAll()
	runtime.GOMAXPROCS(8)
	if diff := cmp.Diff(one, lintAll()); diff != "" {
		t.Fatalf("findings differ between GOMAXPROCS=1 and 8 (-1 +8):\n%s", diff)
	}
}

// ruleCaseFiles returns the single-file rule test cases
// (testdata/rules/*/*.cfg), named by their paths.
func ruleCaseFiles(tb testing.TB) []lint.Input {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "rules", "*", "*.cfg"))
	if err != nil {
		tb.Fatal(err)
	}
	inputs := make([]lint.Input, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		inputs[i] = lint.Input{Name: f, Data: data}
	}
	return inputs
}

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
	files, err := filepath.Glob(filepath.Join("..", "testdata", "rules", "*", "*.cfg"))
	if err != nil || len(files) < 100 {
		t.Fatalf("%d rule test cases found (%v)", len(files), err)
	}
	lintAll := func() map[string][]lint.Diagnostic {
		out := map[string][]lint.Diagnostic{}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			opts := lint.DefaultOptions()
			cfg := lint.Load([]lint.Input{{Name: f, Data: data}}, opts)
			diags, err := lint.Run(cfg, All(), opts)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out[f] = diags
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

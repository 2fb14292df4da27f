package rules

import (
	"runtime"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/benchcfg"
	"github.com/hapguard/hapguard/lint"
)

// Growth limits for 8× more input, within one run. Linear is 8×, quadratic
// 64×; the margin absorbs the noise of a shared CI machine.
const (
	scaleFactor    = 8
	maxTimeGrowth  = 20.0
	maxAllocGrowth = 12.0
)

// scalingSizes is the small size per shape: large enough that a quadratic
// path dominates the time at scaleFactor× that size and that the small run
// takes some 30 ms of CPU or more (the process CPU clock can tick in
// milliseconds: a 5 ms base made one GC pause look like 21× growth), small
// enough that every shape together lints in a few seconds.
var scalingSizes = map[string]int{
	"backends":       1200,
	"servers":        8000,
	"acls":           13000,
	"named-defaults": 1600,
	"frontends":      6500,
	"set-header":     28000,
	"directives":     30000,
	"defaults-chain": 1800,
	"files":          2000,
	"suppressions":   4000,
	"acl-lines":      8000,
	"secrets":        4000,
	"binds":          8000,
}

// TestLintScalesLinearly lints every configuration shape at N and 8N and
// fails when the time (CPU time, best of three, runs interleaved) or the allocation
// count grows much faster than the input.
func TestLintScalesLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("scaling guard: skipped in -short mode")
	}
	all := All()
	for _, shape := range benchcfg.Shapes() {
		n, ok := scalingSizes[shape.Name]
		if !ok {
			t.Fatalf("shape %s has no size in scalingSizes", shape.Name)
		}
		t.Run(shape.Name, func(t *testing.T) {
			small, large := inputs(shape.Files(n)), inputs(shape.Files(scaleFactor*n))
			var s, l cost
			for i := range 3 {
				s, l = s.best(i, lintCost(t, small, all)), l.best(i, lintCost(t, large, all))
			}
			t.Logf("%s: N=%d %v, %dN %v", shape.Doc, n, s.cpu, scaleFactor, l.cpu)
			checkGrowth(t, "CPU time", float64(s.cpu), float64(l.cpu), maxTimeGrowth)
			checkGrowth(t, "allocations", float64(s.mallocs), float64(l.mallocs), maxAllocGrowth)
			checkGrowth(t, "allocated bytes", float64(s.bytes), float64(l.bytes), maxAllocGrowth)
		})
	}
}

// cost is what one lint used.
type cost struct {
	cpu            time.Duration
	mallocs, bytes uint64
}

// best keeps the lowest of each figure over runs; run 0 starts afresh.
func (c cost) best(run int, o cost) cost {
	if run == 0 {
		return o
	}
	return cost{min(c.cpu, o.cpu), min(c.mallocs, o.mallocs), min(c.bytes, o.bytes)}
}

func checkGrowth(t *testing.T, what string, small, large, limit float64) {
	t.Helper()
	growth := large / max(small, 1)
	t.Logf("%s grew %.1f× for %d× input", what, growth, scaleFactor)
	if growth > limit {
		t.Errorf("%s grew %.1f× for %d× input (%.0f → %.0f), more than %.0f×; linear is %d×",
			what, growth, scaleFactor, small, large, limit, scaleFactor)
	}
}

func inputs(files []benchcfg.File) []lint.Input {
	out := make([]lint.Input, len(files))
	for i, f := range files {
		out[i] = lint.Input{Name: f.Name, Data: f.Data}
	}
	return out
}

// lintCost lints in once (load, rules, suppressions, masking) and returns the CPU time (every thread of the
// process: unlike wall time, it hardly moves when other processes load the
// machine) and the allocations, which do not depend on the load at all.
func lintCost(t *testing.T, in []lint.Input, all []*lint.Rule) cost {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := cpuTime()
	// As the command runs it: inline suppressions applied and checked.
	settings := lint.Settings{Options: lint.DefaultOptions(), Rules: all, InlineIgnores: true,
		SuppressionRule: BadSuppression, Resolve: lint.NewResolver(all)}
	cfg, diags, err := lint.Check(in, settings)
	if err != nil {
		t.Fatal(err)
	}
	red := lint.NewRedactor(cfg, nil) // and masks the secrets in the messages
	for _, d := range diags {
		red.Message(d.Message)
	}
	cpu := cpuTime() - start
	runtime.ReadMemStats(&after)
	return cost{cpu, after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc}
}

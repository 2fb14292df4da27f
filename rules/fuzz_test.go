package rules

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/hapguard/hapguard/lint"
)

// FuzzLint drives arbitrary bytes through the whole lint path: tokenizer,
// model, config-parser decoding and every rule. Any panic or internal error
// is a bug. Seeds are the rule testdata plus testdata/fuzz/FuzzLint.
func FuzzLint(f *testing.F) {
	for _, in := range ruleCaseFiles(f) {
		f.Add(in.Data)
	}
	all := All()
	f.Fuzz(func(t *testing.T, data []byte) {
		// A hang is a bug too: crash the worker with every goroutine's
		// stack so the fuzzer records the input that hung.
		watchdog := time.AfterFunc(20*time.Second, func() {
			buf := make([]byte, 1<<20)
			panic(fmt.Sprintf("lint took over 20s on a %d-byte input:\n%s", len(data), buf[:runtime.Stack(buf, true)]))
		})
		defer watchdog.Stop()
		opts := lint.DefaultOptions()
		cfg := lint.Load([]lint.Input{{Name: "fuzz.cfg", Data: data}}, opts)
		diags, err := lint.Run(cfg, all, opts)
		if err != nil {
			t.Fatalf("internal error: %v", err)
		}
		for _, d := range diags {
			if !d.Pos.IsValid() || d.Pos.File != "fuzz.cfg" {
				t.Fatalf("diagnostic without a valid position: %+v", d)
			}
		}
	})
}

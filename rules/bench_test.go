package rules

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/hapguard/hapguard/internal/benchcfg"
	"github.com/hapguard/hapguard/lint"
)

// BenchmarkLint measures the whole lint path (load, every rule) on
// generated configurations; see bench/lint.sh for the comparison with
// haproxy -c as whole processes.
func BenchmarkLint(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		var buf bytes.Buffer
		if err := benchcfg.Write(&buf, n); err != nil {
			b.Fatal(err)
		}
		data := buf.Bytes()
		b.Run(fmt.Sprintf("backends=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			all := All()
			for b.Loop() {
				opts := lint.DefaultOptions()
				cfg := lint.Load([]lint.Input{{Name: "bench.cfg", Data: data}}, opts)
				if _, err := lint.Run(cfg, all, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLoad measures the tokenizer and model alone.
func BenchmarkLoad(b *testing.B) {
	var buf bytes.Buffer
	if err := benchcfg.Write(&buf, 10000); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		lint.Load([]lint.Input{{Name: "bench.cfg", Data: data}}, lint.DefaultOptions())
	}
}

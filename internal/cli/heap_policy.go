package cli

import (
	"os"
	"runtime"
	"runtime/debug"

	"github.com/hapguard/hapguard/lint"
)

// heapPolicy sets the collector for one lint run, unless GOGC is set: the
// model built by Load stays alive to the end, so collecting while loading
// only marks live memory again and again; the collector is off until the
// model is built, then lets the heap grow by the rules' own garbage up to
// a quarter of the model, or minHeadroom when that is more (a collection
// marks the whole model: a mid-sized configuration is then not marked a
// dozen times, and the largest ones stay within a quarter). The returned
// hook runs after Load. 50,000 backends: see the README's performance
// section.
func heapPolicy() func(*lint.Config) {
	if os.Getenv("GOGC") != "" {
		return nil
	}
	debug.SetGCPercent(-1)
	return func(*lint.Config) {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		debug.SetGCPercent(gcPercentAbove(ms.HeapAlloc))
	}
}

// minHeadroom is the least heap growth between collections once the model
// is loaded.
const minHeadroom = 48 << 20

// gcPercentAbove returns the collector's growth target for a heap of that
// many bytes: 25%, or minHeadroom when that is more.
func gcPercentAbove(heap uint64) int {
	if heap == 0 {
		return 100
	}
	return int(max(25, min(1000, minHeadroom*100/heap)))
}

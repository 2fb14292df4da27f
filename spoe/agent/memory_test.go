package agent

import (
	"math"
	"os"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testnet"
)

// TestMemoryPolicy: gc_percent and memory_limit_mib are applied unless the
// environment sets GOGC or GOMEMLIMIT, which the Go runtime has applied.
func TestMemoryPolicy(t *testing.T) {
	prevGC, prevLimit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(prevGC); debug.SetMemoryLimit(prevLimit) })
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }

	cfg := DefaultConfig()
	cfg.MemoryLimitMiB = 512
	p := applyMemoryPolicy(cfg, getenv)
	if gc, limit := currentGCPercent(), debug.SetMemoryLimit(-1); gc != DefaultGCPercent || limit != 512<<20 {
		t.Errorf("applied GC %d%%, limit %d; want %d%%, %d (policy %+v)", gc, limit, DefaultGCPercent, 512<<20, p)
	}

	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	env["GOGC"], env["GOMEMLIMIT"] = "100", "1GiB"
	p = applyMemoryPolicy(cfg, getenv)
	if gc, limit := currentGCPercent(), debug.SetMemoryLimit(-1); gc != 100 || limit != math.MaxInt64 {
		t.Errorf("with GOGC and GOMEMLIMIT set: GC %d%%, limit %d; want both left alone", gc, limit)
	}
	if p.gcPercent != "GOGC=100" || p.memoryLimitMiB != "GOMEMLIMIT=1GiB" {
		t.Errorf("policy %+v does not say the environment set it", p)
	}
}

// currentGCPercent reads the collector's target without changing it.
func currentGCPercent() int {
	v := debug.SetGCPercent(100)
	debug.SetGCPercent(v)
	return v
}

// TestAgentProcessAppliesMemoryPolicy: a real agent process runs with the
// configured collector target (as its Go metrics show), or GOGC's when the
// environment sets it.
func TestAgentProcessAppliesMemoryPolicy(t *testing.T) {
	cfg := stackAgentConfig(t, t.TempDir())
	cfg.SyslogListen, cfg.HAProxySocket = "", ""
	cfg.GCPercent = 40
	want := "go_gc_gogc_percent 40"
	if v := os.Getenv("GOGC"); v != "" && v != "off" {
		want = "go_gc_gogc_percent " + v
	}
	logs := &testnet.SyncBuffer{}
	startChildAgent(t, cfg, logs)
	waitMetric(t, "http://"+cfg.HTTPListen, want, 5*time.Second)
	if !strings.Contains(logs.String(), `"msg":"memory policy"`) {
		t.Errorf("no memory policy line in the start log:\n%s", logs.String())
	}
}

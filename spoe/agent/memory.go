package agent

import (
	"fmt"
	"math"
	"runtime/debug"
)

// The agent process's memory policy: how far the Go heap may grow above what
// is live before it is collected, and an optional soft limit.
//
// Most of the agent's live heap is fixed-size and allocated at start: the
// event queue (queue_size x 256 bytes: 16 MiB by default), the detector's
// join table (join_capacity slots: about 5 MiB) and the rings of the keys.
// Go's default (GOGC=100) lets the heap grow to twice what is live before a
// collection, so the agent's memory would climb by the size of those tables
// again, and at a low request rate the heap takes minutes to get there: the
// process's RSS crept up for ten minutes in the one-hour soak
// (bench/soak.sh). A quarter above live keeps the agent's footprint near
// what it holds and reaches its steady size within a minute; the
// collections it adds cost no CPU measurable by bench/agent.sh (README,
// "memory").
const (
	// DefaultGCPercent is gc_percent's default (GOGC's meaning).
	DefaultGCPercent = 25
	// MinGCPercent and MaxGCPercent bound gc_percent: below 10 the
	// collector runs nearly all the time, above 1000 the heap may grow to
	// eleven times what is live.
	MinGCPercent = 10
	MaxGCPercent = 1000
	// MinMemoryLimitMiB and MaxMemoryLimitMiB bound memory_limit_mib when
	// it is set (0 means no limit): below 64 MiB the default queue and
	// tables alone would keep the collector running.
	MinMemoryLimitMiB = 64
	MaxMemoryLimitMiB = 1 << 20
)

// memoryPolicy is what applyMemoryPolicy set, for the start log line.
type memoryPolicy struct {
	gcPercent      string // the value, or "GOGC=..." when the environment set it
	memoryLimitMiB string // the value, "none", or "GOMEMLIMIT=..."
}

// applyMemoryPolicy sets the collector's target (gc_percent) and soft
// memory limit (memory_limit_mib, 0 for none) from cfg, except that an
// explicit GOGC or GOMEMLIMIT in the environment wins: the Go runtime has
// already applied it, and the agent leaves it alone. getenv reads the
// environment (os.Getenv).
func applyMemoryPolicy(cfg Config, getenv func(string) string) memoryPolicy {
	var p memoryPolicy
	if v := getenv("GOGC"); v != "" {
		p.gcPercent = "GOGC=" + v
	} else {
		debug.SetGCPercent(cfg.GCPercent)
		p.gcPercent = fmt.Sprint(cfg.GCPercent)
	}
	switch v := getenv("GOMEMLIMIT"); {
	case v != "":
		p.memoryLimitMiB = "GOMEMLIMIT=" + v
	case cfg.MemoryLimitMiB == 0:
		debug.SetMemoryLimit(math.MaxInt64)
		p.memoryLimitMiB = "none"
	default:
		debug.SetMemoryLimit(int64(cfg.MemoryLimitMiB) << 20)
		p.memoryLimitMiB = fmt.Sprint(cfg.MemoryLimitMiB)
	}
	return p
}

// validateMemory checks gc_percent and memory_limit_mib against their
// ranges.
func (c Config) validateMemory() []error {
	errs := []error{intRange("gc_percent", c.GCPercent, MinGCPercent, MaxGCPercent)}
	if m := c.MemoryLimitMiB; m != 0 && (m < MinMemoryLimitMiB || m > MaxMemoryLimitMiB) {
		errs = append(errs, outOfRange("memory_limit_mib", fmt.Sprint(m),
			fmt.Sprintf("0 for no limit, or %d to %d", MinMemoryLimitMiB, MaxMemoryLimitMiB)))
	}
	return errs
}

package agent

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hapguard/hapguard/spoe/runtimeapi"
)

// Ranges of the agent's own settings. Each bounds a resource: memory for
// the queue and the series, CPU for the tick, HAProxy's load for the poll.
const (
	// MaxQueueSize bounds queue_size: an event takes about 256 bytes in
	// the queue (limits_test.go keeps that true), so a full queue at the
	// maximum holds about 256 MiB.
	MaxQueueSize = 1 << 20
	// MaxMetricSeriesLimit bounds max_metric_series: each pair has about 20
	// series (classes, sources, histogram buckets).
	MaxMetricSeriesLimit = 100_000
	// MinTickInterval keeps evaluation from spinning a core (every tick
	// walks every tracked key); MaxTickInterval keeps onset-to-firing
	// within two seconds.
	MinTickInterval = 50 * time.Millisecond
	MaxTickInterval = time.Second
	// MaxPollInterval bounds poll_interval; the minimum is the runtime API
	// poller's own (runtimeapi.MinInterval).
	MaxPollInterval = 10 * time.Minute
	// MaxShutdownTimeout bounds shutdown_timeout.
	MaxShutdownTimeout = 5 * time.Minute
)

// FlaggedKeys returns the configuration keys that have a command-line flag
// named after them (internal/cli/agentflags.go binds exactly these; a test
// keeps both in step). The other keys are set in the file only.
func FlaggedKeys() []string {
	return []string{
		"spoe_listen", "syslog_listen", "haproxy_socket", "poll_interval",
		"http_listen", "alertmanager_url", "queue_size", "max_metric_series",
		"tick_interval", "shutdown_timeout", "gc_percent", "memory_limit_mib", "haproxy_config",
		"spoe.max_connections", "spoe.hello_timeout", "spoe.idle_timeout",
		"detection.consecutive_5xx", "detection.window", "detection.error_ratio",
		"detection.error_ratio_factor", "detection.min_requests", "detection.min_errors",
		"detection.latency_factor", "detection.latency_floor", "detection.confirm_for",
		"detection.resolve_after", "detection.max_keys",
	}
}

// FlagName returns the command-line flag of a configuration key
// ("detection.window" -> "window", "spoe.max_connections" ->
// "spoe-max-connections"), and whether it has one.
func FlagName(key string) (string, bool) {
	name := strings.TrimPrefix(key, "detection.")
	return strings.NewReplacer(".", "-", "_", "-").Replace(name), slices.Contains(FlaggedKeys(), key)
}

// setting names a configuration key for messages: the YAML key, and the
// flag that sets it when there is one ("detection.window (--window)").
func setting(key string) string {
	if flag, ok := FlagName(key); ok {
		return key + " (--" + flag + ")"
	}
	return key
}

// validateLimits checks the agent's own settings against their ranges.
func (c Config) validateLimits() []error {
	return []error{
		intRange("queue_size", c.QueueSize, 1, MaxQueueSize),
		intRange("max_metric_series", c.MaxMetricSeries, 1, MaxMetricSeriesLimit),
		durationRange("tick_interval", c.TickInterval, MinTickInterval, MaxTickInterval),
		durationRange("poll_interval", c.PollInterval, runtimeapi.MinInterval, MaxPollInterval),
		durationRange("shutdown_timeout", c.ShutdownTimeout, 100*time.Millisecond, MaxShutdownTimeout),
	}
}

func intRange(key string, v, lo, hi int) error {
	if v < lo || v > hi {
		return outOfRange(key, fmt.Sprint(v), fmt.Sprintf("%d to %d", lo, hi))
	}
	return nil
}

func durationRange(key string, v, lo, hi time.Duration) error {
	if v < lo || v > hi {
		return outOfRange(key, v.String(), fmt.Sprintf("%v to %v", lo, hi))
	}
	return nil
}

package detect

import (
	"errors"
	"fmt"
	"time"
)

// Upper limits that bound memory: a key keeps one bucket (about 200 bytes)
// per second of its ring (Window plus MaxEventAge plus 3s), so at the
// limits below the ring is 66 buckets and MaxKeys keys take about 1.3 GB;
// at the defaults (10 buckets, 10,000 keys) about 20 MB.
const (
	MaxWindow       = time.Minute
	MaxKeysLimit    = 100_000
	MaxEventAgeMax  = time.Minute
	MaxJoinCapacity = 1 << 24
	MaxHistory      = 10_000
)

// FieldError is a setting outside its allowed range.
type FieldError struct {
	Key     string // the YAML key, e.g. "window"
	Value   string // the value given
	Allowed string // the allowed range, e.g. "1s to 1m0s"
}

// Error implements error.
func (e *FieldError) Error() string {
	return fmt.Sprintf("%s: %s is out of range (allowed: %s)", e.Key, e.Value, e.Allowed)
}

// Validate reports every field outside its range as a *FieldError (joined),
// or nil. Zero is out of range everywhere: New would replace it by the
// default, so a zero in a configuration file is refused instead.
func (c Config) Validate() error {
	errs := []error{
		ints("max_keys", c.MaxKeys, 2, MaxKeysLimit),
		ints("consecutive_5xx", c.ConsecutiveErrors, 1, 10_000),
		ints("min_requests", c.MinRequests, 1, 1_000_000),
		ints("min_errors", c.MinErrors, 1, 1_000_000),
		ints("min_latency_samples", c.MinLatencySamples, 1, 1_000_000),
		ints("no_server_min", c.NoServerMin, 1, 1_000_000),
		ints("join_capacity", c.JoinCapacity, 1, MaxJoinCapacity),
		ints("history", c.History, 1, MaxHistory),
		durations("window", c.Window, time.Second, MaxWindow),
		durations("latency_floor", c.LatencyFloor, time.Millisecond, time.Hour),
		durations("latency_warmup", c.LatencyWarmup, time.Millisecond, 24*time.Hour),
		durations("low_connect_time", c.LowConnectTime, time.Microsecond, time.Minute),
		durations("baseline_half_life", c.BaselineHalfLife, time.Second, 24*time.Hour),
		durations("confirm_for", c.ConfirmFor, time.Millisecond, time.Hour),
		durations("resolve_after", c.ResolveAfter, time.Millisecond, 24*time.Hour),
		durations("log_live_for", c.LogLiveFor, time.Second, 24*time.Hour),
		durations("join_window", c.JoinWindow, time.Second, 10*time.Minute),
		durations("max_event_age", c.MaxEventAge, time.Millisecond, MaxEventAgeMax),
		above("error_ratio", c.MinErrorRatio, 0, 1, "above 0, at most 1"),
		above("latency_quantile", c.LatencyQuantile, 0, 0.999, "above 0, at most 0.999"),
		above("hysteresis", c.Hysteresis, 0, 1, "above 0, at most 1"),
		floats("error_ratio_factor", c.ErrorRatioFactor, 1, 1000),
		above("latency_factor", c.LatencyFactor, 1, 1000, "above 1, at most 1000"),
	}
	return errors.Join(errs...)
}

func ints(key string, v, lo, hi int) error {
	if v < lo || v > hi {
		return &FieldError{key, fmt.Sprint(v), fmt.Sprintf("%d to %d", lo, hi)}
	}
	return nil
}

func durations(key string, v, lo, hi time.Duration) error {
	if v < lo || v > hi {
		return &FieldError{key, v.String(), fmt.Sprintf("%v to %v", lo, hi)}
	}
	return nil
}

func floats(key string, v, lo, hi float64) error {
	if !(v >= lo && v <= hi) {
		return &FieldError{key, fmt.Sprint(v), fmt.Sprintf("%v to %v", lo, hi)}
	}
	return nil
}

// above checks lo < v <= hi.
func above(key string, v, lo, hi float64, allowed string) error {
	if !(v > lo && v <= hi) {
		return &FieldError{key, fmt.Sprint(v), allowed}
	}
	return nil
}

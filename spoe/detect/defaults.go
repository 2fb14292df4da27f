package detect

import "time"

// withDefaults returns c with every zero or negative field replaced by its
// default, and Window kept inside the ring, so that New never fails. Callers
// that want bad values reported call Validate first.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	ints := []struct{ v, def *int }{
		{&c.MaxKeys, &d.MaxKeys}, {&c.RingSeconds, &d.RingSeconds},
		{&c.ConsecutiveErrors, &d.ConsecutiveErrors}, {&c.MinRequests, &d.MinRequests},
		{&c.MinErrors, &d.MinErrors}, {&c.MinLatencySamples, &d.MinLatencySamples},
		{&c.NoServerMin, &d.NoServerMin},
		{&c.JoinCapacity, &d.JoinCapacity}, {&c.History, &d.History},
	}
	for _, f := range ints {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	durations := []struct{ v, def *time.Duration }{
		{&c.Window, &d.Window}, {&c.LatencyFloor, &d.LatencyFloor},
		{&c.LowConnectTime, &d.LowConnectTime}, {&c.BaselineHalfLife, &d.BaselineHalfLife},
		{&c.ConfirmFor, &d.ConfirmFor}, {&c.ResolveAfter, &d.ResolveAfter},
		{&c.LogLiveFor, &d.LogLiveFor}, {&c.JoinWindow, &d.JoinWindow},
		{&c.MaxEventAge, &d.MaxEventAge}, {&c.LatencyWarmup, &d.LatencyWarmup},
	}
	for _, f := range durations {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	floats := []struct{ v, def *float64 }{
		{&c.MinErrorRatio, &d.MinErrorRatio}, {&c.ErrorRatioFactor, &d.ErrorRatioFactor},
		{&c.LatencyQuantile, &d.LatencyQuantile}, {&c.LatencyFactor, &d.LatencyFactor},
		{&c.Hysteresis, &d.Hysteresis},
	}
	for _, f := range floats {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	return c.clamped()
}

// clamped keeps the few fields that bound each other consistent.
func (c Config) clamped() Config {
	c.MaxKeys = max(c.MaxKeys, 2)
	c.Window = min(max(c.Window, time.Second), MaxWindow)
	c.MaxEventAge = min(c.MaxEventAge, MaxEventAgeMax)
	c.RingSeconds = max(c.RingSeconds, ringSeconds(c.Window, c.MaxEventAge))
	c.LatencyQuantile = min(c.LatencyQuantile, 0.999)
	c.Hysteresis = min(c.Hysteresis, 1)
	c.MinErrorRatio = min(c.MinErrorRatio, 1)
	c.LatencyFactor = max(c.LatencyFactor, 1)
	return c
}

// windowSeconds is Window in whole seconds (at least one).
func (c Config) windowSeconds() int64 { return max(int64(c.Window/time.Second), 1) }

// ringSeconds is the ring a key needs: the window, plus how far back an
// event may be placed (MaxEventAge), plus three seconds of slack for the
// bucket being filled and ticks that arrive late (5s + 2s + 3s: the default
// ring of 10).
func ringSeconds(window, maxEventAge time.Duration) int {
	ceil := func(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }
	return ceil(window) + ceil(maxEventAge) + 3
}

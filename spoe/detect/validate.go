package detect

import (
	"cmp"
	"errors"
	"fmt"
	"time"
)

// Validate reports every out-of-range field at once, or nil. Zero values
// are fine: they take the default.
func (c Config) Validate() error {
	var errs []error
	for _, f := range []struct {
		name string
		v    int
	}{
		{"MaxKeys", c.MaxKeys}, {"RingSeconds", c.RingSeconds},
		{"ConsecutiveErrors", c.ConsecutiveErrors}, {"MinRequests", c.MinRequests},
		{"MinErrors", c.MinErrors}, {"MinLatencySamples", c.MinLatencySamples},
		{"NoServerMin", c.NoServerMin},
		{"JoinCapacity", c.JoinCapacity}, {"History", c.History},
	} {
		if f.v < 0 {
			errs = append(errs, fmt.Errorf("detect: %s is %d, must not be negative", f.name, f.v))
		}
	}
	errs = append(errs, c.validateDurations()...)
	errs = append(errs, c.validateRatios()...)
	if c.MaxKeys == 1 {
		errs = append(errs, errors.New("detect: MaxKeys must be at least 2 (a backend and one server)"))
	}
	return errors.Join(errs...)
}

func (c Config) validateDurations() []error {
	var errs []error
	for _, f := range []struct {
		name string
		v    time.Duration
	}{
		{"Window", c.Window}, {"LatencyFloor", c.LatencyFloor}, {"LowConnectTime", c.LowConnectTime},
		{"BaselineHalfLife", c.BaselineHalfLife}, {"ConfirmFor", c.ConfirmFor},
		{"ResolveAfter", c.ResolveAfter}, {"LogLiveFor", c.LogLiveFor},
		{"JoinWindow", c.JoinWindow}, {"MaxEventAge", c.MaxEventAge},
		{"LatencyWarmup", c.LatencyWarmup},
	} {
		if f.v < 0 {
			errs = append(errs, fmt.Errorf("detect: %s is %v, must not be negative", f.name, f.v))
		}
	}
	def := DefaultConfig()
	ring, window := cmp.Or(c.RingSeconds, def.RingSeconds), cmp.Or(c.Window, def.Window)
	if window > 0 && (window < time.Second || window > time.Duration(ring-1)*time.Second) {
		errs = append(errs, fmt.Errorf("detect: Window %v must be between 1s and RingSeconds-1 (%ds)", window, ring-1))
	}
	return errs
}

func (c Config) validateRatios() []error {
	var errs []error
	if c.MinErrorRatio < 0 || c.MinErrorRatio > 1 {
		errs = append(errs, fmt.Errorf("detect: MinErrorRatio %v is not in [0, 1]", c.MinErrorRatio))
	}
	if c.LatencyQuantile < 0 || c.LatencyQuantile >= 1 {
		errs = append(errs, fmt.Errorf("detect: LatencyQuantile %v is not in (0, 1)", c.LatencyQuantile))
	}
	if c.Hysteresis < 0 || c.Hysteresis > 1 {
		errs = append(errs, fmt.Errorf("detect: Hysteresis %v is not in [0, 1]", c.Hysteresis))
	}
	if c.ErrorRatioFactor < 0 || (c.LatencyFactor != 0 && c.LatencyFactor < 1) {
		errs = append(errs, fmt.Errorf("detect: ErrorRatioFactor %v must not be negative and LatencyFactor %v not below 1", c.ErrorRatioFactor, c.LatencyFactor))
	}
	return errs
}

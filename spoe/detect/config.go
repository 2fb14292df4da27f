package detect

import "time"

// Config holds every threshold of the detector; the agent's configuration
// file embeds it under `detection:` with the YAML keys below. New gives a
// zero field its default; DefaultConfig documents where each default comes
// from. Validate reports every value outside its range (Limits).
type Config struct {
	// MaxKeys caps the backends and backend/server pairs tracked at once.
	// The least recently seen key is evicted (and counted) beyond it.
	MaxKeys int `yaml:"max_keys"`
	// RingSeconds is the number of one-second buckets kept per key; zero
	// sizes the ring from Window and MaxEventAge (see ringSeconds), which is
	// what the agent does. Baselines live in EWMAs, not in the ring.
	RingSeconds int `yaml:"-"`
	// Window is the evaluation window of the error-ratio, latency and
	// no-server detectors, and how long a consecutive-error run stays
	// relevant without new errors.
	Window time.Duration `yaml:"window"`

	// ConsecutiveErrors fires consecutive_5xx after this many backend-fault
	// errors in a row from one server.
	ConsecutiveErrors int `yaml:"consecutive_5xx"`
	// MinRequests is the least number of requests in Window for the error
	// ratio to be judged.
	MinRequests int `yaml:"min_requests"`
	// MinErrors is the least number of errors in Window for error_ratio to
	// fire, so one stray 5xx on a quiet server raises nothing.
	MinErrors int `yaml:"min_errors"`
	// MinErrorRatio is the absolute floor of the error-ratio threshold.
	MinErrorRatio float64 `yaml:"error_ratio"`
	// ErrorRatioFactor multiplies the baseline error ratio; the threshold
	// is max(MinErrorRatio, baseline*ErrorRatioFactor).
	ErrorRatioFactor float64 `yaml:"error_ratio_factor"`

	// LatencyQuantile is the quantile compared with its baseline (0.95).
	LatencyQuantile float64 `yaml:"latency_quantile"`
	// LatencyFactor and LatencyFloor set the latency threshold:
	// max(baseline*LatencyFactor, baseline+LatencyFloor).
	LatencyFactor float64       `yaml:"latency_factor"`
	LatencyFloor  time.Duration `yaml:"latency_floor"`
	// MinLatencySamples is the least number of latency samples in Window
	// for the quantile to be judged or learned.
	MinLatencySamples int `yaml:"min_latency_samples"`
	// LatencyWarmup is how long a key's latency baseline must have been
	// learning (from clean windows) before it is trusted.
	LatencyWarmup time.Duration `yaml:"latency_warmup"`

	// NoServerMin fires no_server after this many "<NOSRV>" errors in
	// Window (a runtime-API or log notice that no server is UP fires at once).
	NoServerMin int `yaml:"no_server_min"`
	// LowConnectTime is the connect time under which a server abort (SH)
	// looks like a reused keep-alive connection.
	LowConnectTime time.Duration `yaml:"low_connect_time"`

	// BaselineHalfLife is the half-life of the EWMA baselines, updated only
	// from windows where the detector's condition does not hold.
	BaselineHalfLife time.Duration `yaml:"baseline_half_life"`
	// ConfirmFor is how long a condition must hold before pending turns
	// into firing. Server state changes skip it: HAProxy's "fall" already
	// confirmed them.
	ConfirmFor time.Duration `yaml:"confirm_for"`
	// ResolveAfter is how long a firing anomaly must stay clean to resolve.
	ResolveAfter time.Duration `yaml:"resolve_after"`
	// Hysteresis places the "clean again" level between baseline (0) and
	// threshold (1): a firing anomaly stays firing until its observed value
	// drops below baseline + Hysteresis*(threshold-baseline).
	Hysteresis float64 `yaml:"hysteresis"`

	// LogLiveFor is how long after its last response event the log input
	// counts as running (see the package documentation on joins).
	LogLiveFor time.Duration `yaml:"log_live_for"`
	// JoinWindow is how long a unique-id is remembered for the join.
	JoinWindow time.Duration `yaml:"join_window"`
	// JoinCapacity is the number of unique-ids remembered; size it above
	// peak requests per second times JoinWindow.
	JoinCapacity int `yaml:"join_capacity"`
	// MaxEventAge bounds how far back an event's own timestamp may place it;
	// older, zero or future timestamps count at the time of arrival.
	MaxEventAge time.Duration `yaml:"max_event_age"`
	// History is the number of resolved anomalies Recent can return.
	History int `yaml:"history"`
	// IgnoreBackends are backends whose events are dropped: they never
	// raise an anomaly (the agents' own backend, whose servers go DOWN
	// whenever an agent restarts, is the typical one).
	IgnoreBackends []string `yaml:"ignore_backends"`
}

// DefaultConfig returns the defaults:
//   - ConsecutiveErrors 5: Envoy outlier detection's consecutive_5xx and
//     consecutive_gateway_failure defaults.
//   - MinErrorRatio 5% over Window 5s with MinRequests 20 and MinErrors 5:
//     the common HAProxy alert rule "backend 5xx ratio above 5%", on a
//     window short enough to fire within two seconds at 200 requests/s;
//     Envoy's success-rate ejection asks for 100 requests per 10s interval
//     (10/s), we ask for 4/s so quiet backends are judged too, and guard
//     them with the five-error minimum. ErrorRatioFactor 3 keeps a noisy
//     backend from firing on its usual level (Envoy uses mean minus 1.9
//     standard deviations across hosts; a factor over an EWMA is the
//     single-key equivalent).
//   - Latency: p95 at least 3x its baseline and at least 200ms above it,
//     with 20 samples, armed after 5 seconds of clean windows so a
//     fresh agent judges latency within seconds.
//   - ConfirmFor 1s, ResolveAfter 5s, Hysteresis 0.5: one confirming tick,
//     five clean seconds, and a clean level halfway down, so a rate that
//     hovers at the threshold fires once instead of flapping.
//   - MaxKeys 10,000 with 10 one-second buckets (Window plus MaxEventAge
//     plus slack): about 8 KB a key (1.7 KB of state, 624 bytes a second,
//     most of it the log-linear latency histogram), 80 MB at the cap.
func DefaultConfig() Config {
	return Config{
		MaxKeys: 10000, RingSeconds: 10, Window: 5 * time.Second,
		ConsecutiveErrors: 5, MinRequests: 20, MinErrors: 5,
		MinErrorRatio: 0.05, ErrorRatioFactor: 3,
		LatencyQuantile: 0.95, LatencyFactor: 3, LatencyFloor: 200 * time.Millisecond,
		MinLatencySamples: 20, LatencyWarmup: 5 * time.Second,
		NoServerMin: 3, LowConnectTime: 10 * time.Millisecond,
		BaselineHalfLife: 2 * time.Minute,
		ConfirmFor:       time.Second, ResolveAfter: 5 * time.Second, Hysteresis: 0.5,
		LogLiveFor: 10 * time.Second, JoinWindow: 10 * time.Second, JoinCapacity: 1 << 16,
		MaxEventAge: 2 * time.Second, History: 100,
	}
}

package agent

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Config is everything `hapguard agent` needs to run. The zero value is not
// useful; start from DefaultConfig and overlay a file and flags.
type Config struct {
	// SPOEListen is where HAProxy's SPOE engine connects
	// (tcp://host:port or unix:///path); empty disables the input.
	SPOEListen string `yaml:"spoe_listen"`
	// SyslogListen is where HAProxy's `log` directive sends its log stream
	// (udp://host:port or unixgram:///path); empty disables the input.
	SyslogListen string `yaml:"syslog_listen"`
	// HAProxySocket is HAProxy's stats socket (unix:///path, a plain path or
	// tcp://host:port); empty disables the runtime API poller.
	HAProxySocket string `yaml:"haproxy_socket"`
	// PollInterval is how often the runtime API is polled.
	PollInterval time.Duration `yaml:"poll_interval"`
	// HTTPListen serves /metrics and /api/v1/anomalies (host:port); empty
	// disables it.
	HTTPListen string `yaml:"http_listen"`
	// AlertmanagerURL is the base URL of an Alertmanager (its /api/v2/alerts
	// is used); empty disables alerting.
	AlertmanagerURL string `yaml:"alertmanager_url"`
	// QueueSize bounds the events waiting for detection; overflow is dropped
	// and counted.
	QueueSize int `yaml:"queue_size"`
	// MaxMetricSeries caps the backend/server pairs the response metrics
	// track; the least recently seen pair's series are deleted to make room
	// (and a pair HAProxy no longer has is deleted at once).
	MaxMetricSeries int `yaml:"max_metric_series"`
	// TickInterval is how often detection is evaluated. Below a second so
	// that confirmation (detection.confirm_for) plus evaluation lag stays
	// well inside two seconds.
	TickInterval time.Duration `yaml:"tick_interval"`
	// ShutdownTimeout bounds the graceful stop after SIGTERM/SIGINT.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	// Detection holds the detector thresholds.
	Detection Detection `yaml:"detection"`
}

// Detection holds the detector thresholds most worth tuning; the rest keep
// spoe/detect's defaults (see detect.DefaultConfig for where each comes from).
type Detection struct {
	// Consecutive5xx fires consecutive_5xx after this many gateway errors in
	// a row from one server (Envoy's outlier detection defaults to 5).
	Consecutive5xx int `yaml:"consecutive_5xx"`
	// Window is the evaluation window of the ratio, latency and no-server
	// detectors.
	Window time.Duration `yaml:"window"`
	// ErrorRatio is the floor of the error-ratio threshold (share of 5xx in
	// Window).
	ErrorRatio float64 `yaml:"error_ratio"`
	// ErrorRatioFactor multiplies the baseline error ratio; the threshold is
	// the larger of it and ErrorRatio.
	ErrorRatioFactor float64 `yaml:"error_ratio_factor"`
	// MinRequests is the least volume in Window before ratios count.
	MinRequests int `yaml:"min_requests"`
	// MinErrors is the least number of errors in Window for error_ratio.
	MinErrors int `yaml:"min_errors"`
	// LatencyFactor fires a latency spike when p95 exceeds this multiple of
	// its baseline...
	LatencyFactor float64 `yaml:"latency_factor"`
	// LatencyFloor ...and is at least this much above it.
	LatencyFloor time.Duration `yaml:"latency_floor"`
	// ConfirmFor is how long a condition must hold before it fires.
	ConfirmFor time.Duration `yaml:"confirm_for"`
	// ResolveAfter is how long a firing anomaly must stay clean to resolve.
	ResolveAfter time.Duration `yaml:"resolve_after"`
	// MaxKeys caps the backends and servers tracked (least recently seen
	// ones are evicted).
	MaxKeys int `yaml:"max_keys"`
	// IgnoreBackends are backends that never raise an anomaly, besides the
	// agents' own backend of the printed wiring, which is always ignored.
	IgnoreBackends []string `yaml:"ignore_backends"`
}

// DefaultConfig returns the configuration used when nothing is set: the SPOE
// input and the HTTP endpoints on loopback, everything else off.
func DefaultConfig() Config {
	return Config{
		SPOEListen:      "tcp://127.0.0.1:12345",
		HTTPListen:      "127.0.0.1:9412",
		PollInterval:    time.Second,
		QueueSize:       65536,
		MaxMetricSeries: 2000,
		ShutdownTimeout: 5 * time.Second,
		TickInterval:    250 * time.Millisecond,
		Detection:       defaultDetection(),
	}
}

// Validate reports every problem with c at once, or nil.
func (c Config) Validate() error {
	var errs []error
	if c.SPOEListen == "" && c.SyslogListen == "" && c.HAProxySocket == "" {
		errs = append(errs, errors.New("no input: set at least one of spoe_listen, syslog_listen, haproxy_socket"))
	}
	errs = append(errs, validateAddresses(c)...)
	errs = append(errs, positive("poll_interval", c.PollInterval), positive("shutdown_timeout", c.ShutdownTimeout), positive("tick_interval", c.TickInterval))
	errs = append(errs, atLeast("queue_size", c.QueueSize, 1), atLeast("max_metric_series", c.MaxMetricSeries, 1))
	errs = append(errs, c.Detection.validate()...)
	return errors.Join(errs...)
}

func (d Detection) validate() []error {
	errs := []error{
		atLeast("detection.consecutive_5xx", d.Consecutive5xx, 1),
		atLeast("detection.min_requests", d.MinRequests, 1),
		atLeast("detection.min_errors", d.MinErrors, 1),
		atLeast("detection.max_keys", d.MaxKeys, 2),
		positive("detection.window", d.Window),
		positive("detection.resolve_after", d.ResolveAfter),
		positive("detection.confirm_for", d.ConfirmFor),
	}
	if !(d.ErrorRatio > 0 && d.ErrorRatio <= 1) {
		errs = append(errs, fmt.Errorf("detection.error_ratio: %v is not in (0, 1]", d.ErrorRatio))
	}
	if !(d.ErrorRatioFactor >= 1) {
		errs = append(errs, fmt.Errorf("detection.error_ratio_factor: %v must be at least 1", d.ErrorRatioFactor))
	}
	if !(d.LatencyFactor > 1) {
		errs = append(errs, fmt.Errorf("detection.latency_factor: %v must be above 1", d.LatencyFactor))
	}
	if d.LatencyFloor < 0 {
		errs = append(errs, fmt.Errorf("detection.latency_floor: %v is negative", d.LatencyFloor))
	}
	if errors.Join(errs...) == nil {
		// Cross-field limits only the detector knows (e.g. window vs ring).
		errs = append(errs, d.detectConfig().Validate())
	}
	return errs
}

// setting names a configuration key for messages: the YAML key and the
// flag that set it ("detection.window (--window)").
func setting(key string) string {
	last := key[strings.LastIndexByte(key, '.')+1:]
	return key + " (--" + strings.ReplaceAll(last, "_", "-") + ")"
}

func positive(name string, d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("%s: %v must be positive", name, d)
	}
	return nil
}

func atLeast(name string, v, minimum int) error {
	if v < minimum {
		return fmt.Errorf("%s: %d must be at least %d", name, v, minimum)
	}
	return nil
}

// Normalize turns the word "off" into the empty (disabled) value, as the
// flags and the file both allow it.
func (c *Config) Normalize() {
	for _, s := range []*string{&c.SPOEListen, &c.SyslogListen, &c.HAProxySocket, &c.HTTPListen, &c.AlertmanagerURL} {
		if *s == "off" {
			*s = ""
		}
	}
}

package agent

import (
	"errors"
	"fmt"
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
	// track; further pairs are counted under backend and server "_other_".
	MaxMetricSeries int `yaml:"max_metric_series"`
	// ShutdownTimeout bounds the graceful stop after SIGTERM/SIGINT.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	// Detection holds the detector thresholds.
	Detection Detection `yaml:"detection"`
}

// Detection holds the anomaly detector's thresholds.
type Detection struct {
	// Consecutive5xx fires after this many gateway errors in a row from one
	// server (Envoy's outlier detection defaults to 5).
	Consecutive5xx int `yaml:"consecutive_5xx"`
	// ErrorRatio is the minimum share of 5xx responses in a window that can
	// fire an error-ratio anomaly.
	ErrorRatio float64 `yaml:"error_ratio"`
	// MinRequests is the minimum volume in a window before ratios count.
	MinRequests int `yaml:"min_requests"`
	// LatencyFactor fires a latency spike when the observed latency exceeds
	// this multiple of the baseline.
	LatencyFactor float64 `yaml:"latency_factor"`
	// LatencyFloor ignores latency spikes below this absolute value.
	LatencyFloor time.Duration `yaml:"latency_floor"`
	// ResolveAfter is how long a key must stay clean before its anomaly
	// resolves.
	ResolveAfter time.Duration `yaml:"resolve_after"`
	// MaxKeys caps the backends and servers tracked (least recently seen
	// ones are evicted).
	MaxKeys int `yaml:"max_keys"`
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
		Detection: Detection{
			Consecutive5xx: 5,
			ErrorRatio:     0.1,
			MinRequests:    20,
			LatencyFactor:  3,
			LatencyFloor:   100 * time.Millisecond,
			ResolveAfter:   5 * time.Second,
			MaxKeys:        10000,
		},
	}
}

// Validate reports every problem with c at once, or nil.
func (c Config) Validate() error {
	var errs []error
	if c.SPOEListen == "" && c.SyslogListen == "" && c.HAProxySocket == "" {
		errs = append(errs, errors.New("no input: set at least one of spoe_listen, syslog_listen, haproxy_socket"))
	}
	errs = append(errs, validateAddresses(c)...)
	errs = append(errs, positive("poll_interval", c.PollInterval), positive("shutdown_timeout", c.ShutdownTimeout))
	errs = append(errs, atLeast("queue_size", c.QueueSize, 1), atLeast("max_metric_series", c.MaxMetricSeries, 1))
	errs = append(errs, c.Detection.validate()...)
	return errors.Join(errs...)
}

func (d Detection) validate() []error {
	errs := []error{
		atLeast("detection.consecutive_5xx", d.Consecutive5xx, 1),
		atLeast("detection.min_requests", d.MinRequests, 1),
		atLeast("detection.max_keys", d.MaxKeys, 1),
		positive("detection.resolve_after", d.ResolveAfter),
	}
	if !(d.ErrorRatio > 0 && d.ErrorRatio <= 1) {
		errs = append(errs, fmt.Errorf("detection.error_ratio: %v is not in (0, 1]", d.ErrorRatio))
	}
	if !(d.LatencyFactor > 1) {
		errs = append(errs, fmt.Errorf("detection.latency_factor: %v must be above 1", d.LatencyFactor))
	}
	if d.LatencyFloor < 0 {
		errs = append(errs, fmt.Errorf("detection.latency_floor: %v is negative", d.LatencyFloor))
	}
	return errs
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

package agent

import (
	"errors"
	"fmt"
	"time"

	"github.com/hapguard/hapguard/spoe/confignote"
	"github.com/hapguard/hapguard/spoe/detect"
)

// Config is everything `hapguard agent` needs to run. The zero value is not
// useful; start from DefaultConfig and overlay a file and flags.
type Config struct {
	// SPOEListen is where HAProxy's SPOE engine connects (any stream form
	// of spoe/endpoint, e.g. tcp://host:port or unix:///path); empty
	// disables the input.
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
	// GCPercent is the Go collector's target: the heap may grow this many
	// percent above what is live before a collection (GOGC's meaning; an
	// explicit GOGC in the environment wins). See memory.go.
	GCPercent int `yaml:"gc_percent"`
	// MemoryLimitMiB is a soft limit on the process's Go memory in MiB
	// (0: none); the collector runs more often near it. An explicit
	// GOMEMLIMIT in the environment wins.
	MemoryLimitMiB int `yaml:"memory_limit_mib"`
	// ShutdownTimeout bounds the graceful stop after SIGTERM/SIGINT.
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	// SPOE bounds the connections to the SPOE listener.
	SPOE SPOELimits `yaml:"spoe"`
	// HAProxyConfig lists the files and directories of the configuration
	// HAProxy runs (as given to haproxy -f). When set, the agent lints them
	// at start, when HAProxy reloads and when they change, and each anomaly
	// names the lines that explain it. An unreadable configuration never
	// stops detection.
	HAProxyConfig []string `yaml:"haproxy_config"`
	// Explainer answers which configuration lines explain an anomaly. It is
	// not read from YAML: `hapguard agent` builds it from HAProxyConfig.
	Explainer confignote.Explainer `yaml:"-"`
	// Detection holds the detector's thresholds (spoe/detect documents
	// each, and where its default comes from).
	Detection detect.Config `yaml:"detection"`
}

// agentConfirmFor is the agent's default confirmation time. spoe/detect's
// 1s default assumes one-second ticks; the agent evaluates every 250ms, so
// 500ms is two confirming evaluations, and onset to firing stays inside two
// seconds (measured against a real HAProxy in integration_test.go).
const agentConfirmFor = 500 * time.Millisecond

// DefaultConfig returns the configuration used when nothing is set: the SPOE
// input and the HTTP endpoints on loopback, everything else off.
func DefaultConfig() Config {
	d := detect.DefaultConfig()
	d.ConfirmFor = agentConfirmFor
	d.RingSeconds = 0 // sized from the window the configuration ends with
	return Config{
		SPOEListen:      "tcp://127.0.0.1:12345",
		HTTPListen:      "127.0.0.1:9412",
		PollInterval:    time.Second,
		QueueSize:       65536,
		MaxMetricSeries: 2000,
		GCPercent:       DefaultGCPercent,
		ShutdownTimeout: 5 * time.Second,
		TickInterval:    250 * time.Millisecond,
		SPOE:            defaultSPOELimits(),
		Detection:       d,
	}
}

// Validate reports every problem with c at once, or nil: each value outside
// its range (see limits.go), each address that cannot be used. It resolves
// listen addresses as a start does, without binding, so that a
// configuration it accepts starts unless a port is taken.
func (c Config) Validate() error {
	var errs []error
	if c.SPOEListen == "" && c.SyslogListen == "" && c.HAProxySocket == "" {
		errs = append(errs, errors.New("no input: set at least one of spoe_listen, syslog_listen, haproxy_socket"))
	}
	errs = append(errs, validateAddresses(c)...)
	errs = append(errs, c.validateLimits()...)
	errs = append(errs, c.validateMemory()...)
	errs = append(errs, c.SPOE.validate()...)
	errs = append(errs, validateConfigPaths(c.HAProxyConfig)...)
	errs = append(errs, validateDetection(c.Detection)...)
	return errors.Join(errs...)
}

// validateDetection names each detector setting out of range by its key
// under detection:.
func validateDetection(d detect.Config) []error {
	err := d.Validate()
	if err == nil {
		return nil
	}
	var errs []error
	for _, e := range unjoin(err) {
		var fe *detect.FieldError
		if errors.As(e, &fe) {
			e = outOfRange("detection."+fe.Key, fe.Value, fe.Allowed)
		}
		errs = append(errs, e)
	}
	return errs
}

// unjoin returns the errors inside an errors.Join, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
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

func outOfRange(key, value, allowed string) error {
	return fmt.Errorf("%s: %s is out of range (allowed: %s)", setting(key), value, allowed)
}

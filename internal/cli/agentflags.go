package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hapguard/hapguard/spoe/agent"
	"github.com/hapguard/hapguard/spoe/detect"
)

// agentOptions is the parsed command line of `hapguard agent` (run mode).
type agentOptions struct {
	config      agent.Config
	configFile  string
	checkConfig bool
}

// parseAgentOptions builds the configuration: defaults, then the --config
// file, then any flag given explicitly. Usage output goes to stderr (nil:
// discarded).
func parseAgentOptions(args []string, stderr io.Writer) (agentOptions, error) {
	if stderr == nil {
		stderr = io.Discard
	}
	var first agentOptions
	first.config = agent.DefaultConfig()
	fs := newAgentFlagSet(&first, stderr)
	if err := fs.Parse(args); err != nil {
		return agentOptions{}, err
	}
	if fs.NArg() > 0 {
		return agentOptions{}, fmt.Errorf("unexpected argument %q (subcommands: print-haproxy-config)", fs.Arg(0))
	}
	if first.configFile == "" {
		first.config.Normalize()
		return first, nil
	}
	fromFile, err := agent.LoadConfigFile(first.configFile, agent.DefaultConfig())
	if err != nil {
		return agentOptions{}, err
	}
	second := agentOptions{config: fromFile}
	if err := newAgentFlagSet(&second, io.Discard).Parse(args); err != nil {
		return agentOptions{}, err
	}
	second.config.Normalize()
	return second, nil
}

// newAgentFlagSet binds every flag to o, with o's current values as
// defaults.
func newAgentFlagSet(o *agentOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("hapguard agent", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &o.config
	fs.StringVar(&o.configFile, "config", "", "YAML configuration `file` (flags given explicitly override it)")
	fs.BoolVar(&o.checkConfig, "check-config", false, "validate the configuration and exit (0 valid, 2 invalid)")
	fs.StringVar(&c.SPOEListen, "spoe-listen", c.SPOEListen, "SPOE listener: tcp://host:port or unix:///path, or off")
	fs.StringVar(&c.SyslogListen, "syslog-listen", c.SyslogListen, "syslog listener for HAProxy's log: udp://host:port or unixgram:///path, or off")
	fs.StringVar(&c.HAProxySocket, "haproxy-socket", c.HAProxySocket, "HAProxy stats socket to poll: unix:///path or tcp://host:port, or off")
	fs.DurationVar(&c.PollInterval, "poll-interval", c.PollInterval, "runtime API poll interval")
	fs.StringVar(&c.HTTPListen, "http-listen", c.HTTPListen, "host:port serving /metrics and /api/v1/anomalies, or off")
	fs.StringVar(&c.AlertmanagerURL, "alertmanager-url", c.AlertmanagerURL, "Alertmanager base URL to push alerts to, or off")
	fs.IntVar(&c.QueueSize, "queue-size", c.QueueSize, fmt.Sprintf("events waiting for detection before new ones are dropped (at most %d)", agent.MaxQueueSize))
	fs.IntVar(&c.MaxMetricSeries, "max-metric-series", c.MaxMetricSeries, "backend/server pairs tracked by the response metrics")
	fs.DurationVar(&c.TickInterval, "tick-interval", c.TickInterval, fmt.Sprintf("how often detection is evaluated (%v to %v)", agent.MinTickInterval, agent.MaxTickInterval))
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "bound on the graceful stop")
	fs.IntVar(&c.GCPercent, "gc-percent", c.GCPercent, fmt.Sprintf("Go heap growth above live memory before a collection, as GOGC (%d to %d; GOGC in the environment wins)", agent.MinGCPercent, agent.MaxGCPercent))
	fs.IntVar(&c.MemoryLimitMiB, "memory-limit-mib", c.MemoryLimitMiB, fmt.Sprintf("soft limit on the agent's Go memory in MiB, 0 for none (%d to %d; GOMEMLIMIT in the environment wins)", agent.MinMemoryLimitMiB, agent.MaxMemoryLimitMiB))
	fs.IntVar(&c.SPOE.MaxConnections, "spoe-max-connections", c.SPOE.MaxConnections, "SPOE connections open at once (at the cap, silent and idle ones give way)")
	fs.DurationVar(&c.SPOE.HelloTimeout, "spoe-hello-timeout", c.SPOE.HelloTimeout, "time a new SPOE connection has to send its HELLO")
	fs.DurationVar(&c.SPOE.IdleTimeout, "spoe-idle-timeout", c.SPOE.IdleTimeout, "an SPOE connection silent this long is closed")
	fs.Var(&pathList{dst: &c.HAProxyConfig}, "haproxy-config", "file or directory of the configuration HAProxy runs (repeatable, in -f order): anomalies then name the lines behind them")
	bindDetectionFlags(fs, &c.Detection)
	return fs
}

func bindDetectionFlags(fs *flag.FlagSet, d *detect.Config) {
	fs.IntVar(&d.ConsecutiveErrors, "consecutive-5xx", d.ConsecutiveErrors, "gateway errors in a row from one server that fire an anomaly")
	fs.DurationVar(&d.Window, "window", d.Window, "evaluation window of the ratio, latency and no-server detectors (1s to 1m)")
	fs.Float64Var(&d.MinErrorRatio, "error-ratio", d.MinErrorRatio, "floor of the error-ratio threshold (5xx share of the window)")
	fs.Float64Var(&d.ErrorRatioFactor, "error-ratio-factor", d.ErrorRatioFactor, "error-ratio threshold as a multiple of the baseline")
	fs.IntVar(&d.MinRequests, "min-requests", d.MinRequests, "minimum requests in the window before ratios count")
	fs.IntVar(&d.MinErrors, "min-errors", d.MinErrors, "minimum errors in the window for an error-ratio anomaly")
	fs.Float64Var(&d.LatencyFactor, "latency-factor", d.LatencyFactor, "p95 latency above this multiple of its baseline is a spike")
	fs.DurationVar(&d.LatencyFloor, "latency-floor", d.LatencyFloor, "a latency spike is also at least this far above the baseline")
	fs.DurationVar(&d.ConfirmFor, "confirm-for", d.ConfirmFor, "how long a condition holds before it fires")
	fs.DurationVar(&d.ResolveAfter, "resolve-after", d.ResolveAfter, "clean time before an anomaly resolves")
	fs.IntVar(&d.MaxKeys, "max-keys", d.MaxKeys, "backends and servers tracked (least recently seen evicted)")
}

// pathList is a repeatable flag whose first use replaces the value from the
// configuration file and later uses append to it.
type pathList struct {
	dst *[]string
	set bool
}

func (p *pathList) String() string {
	if p.dst == nil {
		return ""
	}
	return strings.Join(*p.dst, ",")
}

func (p *pathList) Set(v string) error {
	if !p.set {
		*p.dst, p.set = nil, true
	}
	*p.dst = append(*p.dst, v)
	return nil
}

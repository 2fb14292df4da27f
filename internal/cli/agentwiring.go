package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/hapguard/hapguard/spoe/agent"
	"github.com/hapguard/hapguard/spoe/endpoint"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// printHAProxyConfig runs `hapguard agent print-haproxy-config`: it prints
// the spoe.conf file and the haproxy.cfg lines that connect HAProxy to an
// agent listening where the same flags (or --config file) say.
func printHAProxyConfig(args []string, std Stdio) int {
	opts, err := parseWiringOptions(args, std.Err)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err == nil {
		err = wiring.Print(std.Out, opts)
	}
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard agent print-haproxy-config: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}

// wiringFlags are the command line of print-haproxy-config.
type wiringFlags struct {
	version, configFile, spoe, syslog, socket, spoeConfPath, backends string
}

func parseWiringOptions(args []string, stderr io.Writer) (wiring.Options, error) {
	var f wiringFlags
	fs := flag.NewFlagSet("hapguard agent print-haproxy-config", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.version, "haproxy-version", "", "HAProxy version to generate for: "+strings.Join(wiring.Versions(), ", ")+" (required)")
	fs.StringVar(&f.configFile, "config", "", "agent YAML `file` to take the addresses from")
	fs.StringVar(&f.spoe, "spoe-listen", "", "the agent's SPOE listener (default "+agent.DefaultConfig().SPOEListen+")")
	fs.StringVar(&f.syslog, "syslog-listen", "", "the agent's syslog listener (default udp://127.0.0.1:5140)")
	fs.StringVar(&f.socket, "haproxy-socket", "", "stats socket HAProxy opens for the agent (default "+wiring.DefaultStatsSocket+")")
	fs.StringVar(&f.spoeConfPath, "spoe-config-path", "", "where spoe.conf is installed (default "+wiring.DefaultSPOEConfigPath+")")
	fs.StringVar(&f.backends, "backends", "", "comma-separated backends to watch (default: all)")
	if err := fs.Parse(args); err != nil {
		return wiring.Options{}, err
	}
	if fs.NArg() > 0 {
		return wiring.Options{}, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if f.version == "" {
		return wiring.Options{}, fmt.Errorf("--haproxy-version is required (one of %s)", strings.Join(wiring.Versions(), ", "))
	}
	return f.options()
}

// options turns the flags, over the --config file's addresses, into
// wiring options.
func (f wiringFlags) options() (wiring.Options, error) {
	o := wiring.Options{HAProxyVersion: f.version, SPOEConfigPath: f.spoeConfPath}
	if f.configFile != "" {
		cfg, err := agent.LoadConfigFile(f.configFile, agent.Config{})
		if err != nil {
			return o, err
		}
		cfg.Normalize()
		o.AgentAddress, o.SyslogAddress, o.StatsSocket = cfg.SPOEListen, cfg.SyslogListen, cfg.HAProxySocket
	}
	o.AgentAddress = firstNonEmpty(f.spoe, o.AgentAddress)
	o.SyslogAddress = firstNonEmpty(f.syslog, o.SyslogAddress)
	o.StatsSocket = firstNonEmpty(f.socket, o.StatsSocket)
	if o.StatsSocket != "" {
		ep, err := endpoint.Parse(o.StatsSocket, endpoint.Use{Dial: true})
		if err != nil {
			return o, fmt.Errorf("--haproxy-socket: %w", err)
		}
		o.StatsSocket = ep.Address
	}
	if f.backends != "" {
		o.Backends = strings.Split(f.backends, ",")
	}
	return o, nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/hapguard/hapguard/spoe/agent"
	"github.com/hapguard/hapguard/spoe/endpoint"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// printHAProxyConfig runs `hapguard agent print-haproxy-config`: it prints
// the wiring that connects HAProxy to an agent listening where the same
// flags (or --config file) say, and the agent command line that matches it;
// with --output-dir it writes the files instead and prints what to do.
func printHAProxyConfig(args []string, std Stdio) int {
	f, err := parseWiringFlags(args, std.Err)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	var opts wiring.Options
	if err == nil {
		opts, err = f.options()
	}
	if err == nil {
		if f.outputDir != "" {
			err = writeWiring(std.Out, f.outputDir, opts)
		} else {
			err = printWiring(std.Out, opts)
		}
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
	group, chroot, outputDir                                          string
}

func parseWiringFlags(args []string, stderr io.Writer) (wiringFlags, error) {
	var f wiringFlags
	fs := flag.NewFlagSet("hapguard agent print-haproxy-config", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.version, "haproxy-version", "", "HAProxy version to generate for: "+strings.Join(wiring.Versions(), ", ")+" (required)")
	fs.StringVar(&f.configFile, "config", "", "agent YAML `file` to take the addresses from")
	fs.StringVar(&f.spoe, "spoe-listen", "", "the agent's SPOE listener (default "+agent.DefaultConfig().SPOEListen+")")
	fs.StringVar(&f.syslog, "syslog-listen", "", "the agent's syslog listener, or off (default unixgram://"+strings.TrimPrefix(wiring.DefaultSyslogAddress, "unixgram:")+")")
	fs.StringVar(&f.socket, "haproxy-socket", "", "stats socket HAProxy opens for the agent, or off (default unix://"+wiring.DefaultStatsSocket+")")
	fs.StringVar(&f.group, "socket-group", "", "group given the stats socket, the agent's user's (default "+wiring.DefaultSocketGroup+")")
	fs.StringVar(&f.chroot, "haproxy-chroot", "", "HAProxy's global chroot directory, if any: unix sockets must lie under it")
	fs.StringVar(&f.spoeConfPath, "spoe-config-path", "", "where the SPOE engine file is installed (default "+wiring.DefaultSPOEConfigPath+", or DIR/spoe.conf with --output-dir)")
	fs.StringVar(&f.backends, "backends", "", "comma-separated backends to watch (default: all that declare the filter)")
	fs.StringVar(&f.outputDir, "output-dir", "", "write spoe.conf, "+wiring.ExtraFileName+" and agent.yaml into `DIR` instead of printing them")
	if err := fs.Parse(args); err != nil {
		return f, err
	}
	if fs.NArg() > 0 {
		return f, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if f.version == "" {
		return f, fmt.Errorf("--haproxy-version is required (one of %s)", strings.Join(wiring.Versions(), ", "))
	}
	return f, nil
}

// options turns the flags, over the --config file's addresses, into
// wiring options.
func (f wiringFlags) options() (wiring.Options, error) {
	o := wiring.Options{HAProxyVersion: f.version, SPOEConfigPath: f.spoeConfPath, SocketGroup: f.group, Chroot: f.chroot}
	if f.configFile != "" {
		cfg, err := agent.LoadConfigFile(f.configFile, agent.Config{})
		if err != nil {
			return o, err
		}
		o.AgentAddress, o.SyslogAddress, o.StatsSocket = cfg.SPOEListen, cfg.SyslogListen, cfg.HAProxySocket
	}
	o.AgentAddress = firstNonEmpty(f.spoe, o.AgentAddress)
	o.SyslogAddress = firstNonEmpty(f.syslog, o.SyslogAddress)
	o.StatsSocket = firstNonEmpty(f.socket, o.StatsSocket)
	if o.AgentAddress == wiring.Off {
		return o, errors.New("--spoe-listen off: the wiring is built around the SPOE filter; turn the agent's SPOE input off in its own configuration instead")
	}
	if o.StatsSocket != "" && o.StatsSocket != wiring.Off {
		ep, err := endpoint.Parse(o.StatsSocket, endpoint.Use{Dial: true})
		if err != nil {
			return o, fmt.Errorf("--haproxy-socket: %w", err)
		}
		o.StatsSocket = ep.Address
	}
	if f.outputDir != "" && o.SPOEConfigPath == "" {
		dir, err := filepath.Abs(f.outputDir)
		if err != nil {
			return o, fmt.Errorf("--output-dir: %w", err)
		}
		o.SPOEConfigPath = filepath.Join(dir, "spoe.conf")
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

// printWiring prints the wiring and the agent command line that matches it.
func printWiring(w io.Writer, opts wiring.Options) error {
	rendered, err := wiring.Render(opts)
	if err != nil {
		return err
	}
	text := rendered.Text() + "\n#### run the agent with ####\n" + agentCommand(rendered.Inputs) + "\n"
	if _, err := io.WriteString(w, text); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// agentCommand is the `hapguard agent` command line for the inputs the
// wiring feeds.
func agentCommand(in wiring.Inputs) string {
	return "hapguard agent --spoe-listen " + in.SPOE + " --syslog-listen " + in.Syslog + " --haproxy-socket " + in.StatsSocket
}

// writeWiring writes the SPOE engine file, haproxy-hapguard.cfg and the
// matching agent.yaml into dir, then prints what is left to do by hand.
func writeWiring(w io.Writer, dir string, opts wiring.Options) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--output-dir: %w", err)
	}
	rendered, paths, err := wiring.WriteFiles(dir, opts)
	if err != nil {
		return err
	}
	yamlPath := filepath.Join(dir, "agent.yaml")
	if err := os.WriteFile(yamlPath, []byte(agentYAML(rendered)), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", yamlPath, err)
	}
	paths = append(paths, yamlPath)
	var b strings.Builder
	fmt.Fprintf(&b, "wrote %s\n\n", strings.Join(paths, ", "))
	b.WriteString("1. add these lines to your haproxy.cfg:\n\n")
	if rendered.Global != "" {
		b.WriteString("# in the global section:\n" + rendered.Global)
	}
	b.WriteString("# in each HTTP frontend:\n" + rendered.Frontend + "# in each HTTP backend to watch:\n" + rendered.Backend)
	b.WriteString("# or, in each HTTP listen section to watch (with the frontend lines):\n" + rendered.Listen)
	fmt.Fprintf(&b, "\n2. load %s after your configuration:\n\n", paths[1])
	fmt.Fprintf(&b, "    haproxy -f /etc/haproxy/haproxy.cfg -f %s\n", paths[1])
	fmt.Fprintf(&b, "    (Debian's unit: EXTRAOPTS=\"-S /run/haproxy-master.sock -f %s\" in /etc/default/haproxy)\n", paths[1])
	fmt.Fprintf(&b, "\n3. run the agent (contrib/hapguard-agent.service reads /etc/hapguard/agent.yaml):\n\n")
	fmt.Fprintf(&b, "    hapguard agent --config %s\n", yamlPath)
	fmt.Fprintf(&b, "    (the same as: %s)\n", agentCommand(rendered.Inputs))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// agentYAML is the agent's configuration file matching the wiring.
func agentYAML(w wiring.Wiring) string {
	return fmt.Sprintf(`# hapguard agent configuration matching the wiring for HAProxy %s
# (hapguard agent print-haproxy-config). Check it with:
#   hapguard agent --config agent.yaml --check-config
spoe_listen: %s
syslog_listen: %s
haproxy_socket: %s
http_listen: %s
`, w.Version, w.Inputs.SPOE, w.Inputs.Syslog, w.Inputs.StatsSocket, agent.DefaultConfig().HTTPListen)
}

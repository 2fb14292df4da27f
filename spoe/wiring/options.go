// Package wiring prints the HAProxy configuration that connects HAProxy to
// `hapguard agent`: the SPOE engine file (spoe.conf) and the haproxy.cfg
// lines (log stream, unique-id, SPOE filter, stats socket and the agents'
// backend), for each supported HAProxy version.
package wiring

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hapguard/hapguard/spoe/endpoint"
	"github.com/hapguard/hapguard/spoe/server"
)

// Defaults for Options fields left empty.
const (
	DefaultStatsSocket    = "/run/haproxy/hapguard.sock"
	DefaultSPOEConfigPath = "/etc/haproxy/spoe-hapguard.conf"
	// DefaultSyslogAddress is a unix datagram socket: only processes the
	// file mode lets in can send log lines to the agent (with a UDP port any
	// local process could forge them). /run/hapguard is the agent unit's
	// RuntimeDirectory.
	DefaultSyslogAddress = "unixgram:/run/hapguard/log.sock"
	// DefaultSocketGroup is the group the stats socket is given: the agent
	// runs as user haproxy (contrib/hapguard-agent.service), whose group
	// this is on Debian.
	DefaultSocketGroup = "haproxy"
	// AgentsBackend is the name of the backend holding the agent servers.
	AgentsBackend = "hapguard-agents"
	// AgentsDefaults is the named defaults section of AgentsBackend, so that
	// it inherits nothing from the user's defaults (an HTTP-only
	// unique-id-format or log-format is refused in a TCP/SPOP backend).
	AgentsDefaults = "hapguard-agents-defaults"
	// Engine is the SPOE engine (and spoe-agent) name for backends.
	Engine = "hapguard"
	// ListenEngine is the engine for listen sections: there HAProxy turns
	// on-backend-http-request into on-frontend-http-request, where be_name
	// is refused, so its request message names the proxy with fe_name (a
	// listen's own name).
	ListenEngine = "hapguard-listen"
)

// Options says what to generate the wiring for.
type Options struct {
	// HAProxyVersion is one of Versions().
	HAProxyVersion string
	// AgentAddress is where the agent's SPOE server listens, as the agent is
	// told: "tcp://host:port" or "unix:/path" (default server.DefaultAddress).
	AgentAddress string
	// SyslogAddress is where the agent's log listener listens:
	// "udp://host:port" or "unixgram:/path" (default DefaultSyslogAddress);
	// Off leaves the log stream out of the wiring.
	SyslogAddress string
	// StatsSocket is the runtime API socket HAProxy opens for the agent: a
	// unix path, "host:port", or HAProxy's "ipv4@"/"unix@" forms
	// (default DefaultStatsSocket); Off leaves the stats socket out.
	StatsSocket string
	// SocketGroup is the group owning the stats socket (mode 660), so the
	// agent's user can connect to a socket HAProxy creates as root
	// (default DefaultSocketGroup).
	SocketGroup string
	// Chroot is HAProxy's global "chroot" directory, if any. HAProxy resolves
	// unix socket paths of log targets and servers inside it after starting,
	// so such sockets must lie under it; the wiring then names them
	// relative to it.
	Chroot string
	// SPOEConfigPath is where spoe.conf is installed; the filter line points
	// there (default DefaultSPOEConfigPath).
	SPOEConfigPath string
	// Backends, when set, limits the SPOE message to these backends; empty
	// means every backend behind the filtered frontends.
	Backends []string
}

// Off, as SyslogAddress or StatsSocket, leaves that input out of the wiring
// (the agent takes the same word to turn the input off).
const Off = "off"

var haproxyName = regexp.MustCompile(`^[A-Za-z0-9_.:-]+$`)

func (o Options) withDefaults() Options {
	if o.AgentAddress == "" {
		o.AgentAddress = server.DefaultAddress
	}
	if o.SyslogAddress == "" {
		o.SyslogAddress = DefaultSyslogAddress
	}
	if o.StatsSocket == "" {
		o.StatsSocket = DefaultStatsSocket
	}
	if o.SocketGroup == "" {
		o.SocketGroup = DefaultSocketGroup
	}
	if o.SPOEConfigPath == "" {
		o.SPOEConfigPath = DefaultSPOEConfigPath
	}
	return o
}

func (o Options) validate() error {
	if !slices.Contains(Versions(), o.HAProxyVersion) {
		return fmt.Errorf("wiring: HAProxy version %q is not supported; supported versions: %s",
			o.HAProxyVersion, strings.Join(Versions(), ", "))
	}
	for _, b := range o.Backends {
		if !haproxyName.MatchString(b) {
			return fmt.Errorf("wiring: backend name %q has characters HAProxy does not allow in a name", b)
		}
	}
	for _, v := range []struct{ what, value string }{
		{"SPOE config path", o.SPOEConfigPath}, {"stats socket", o.StatsSocket},
		{"socket group", o.SocketGroup}, {"chroot", o.Chroot},
	} {
		if strings.ContainsAny(v.value, " \t\n\"'#") {
			return fmt.Errorf("wiring: %s %q contains spaces, quotes or '#'", v.what, v.value)
		}
	}
	return nil
}

// agentServerAddress is the agent address in HAProxy's server syntax.
func agentServerAddress(addr, chroot string) (string, error) {
	e, err := endpoint.Parse(addr, endpoint.Use{})
	if err != nil {
		return "", fmt.Errorf("wiring: agent address %w", err)
	}
	if !e.IsUnix() {
		return e.HAProxy(), nil
	}
	path, err := insideChroot(e.Address, chroot)
	if err != nil {
		return "", fmt.Errorf("wiring: agent address: %w", err)
	}
	return "unix@" + path, nil
}

// insideChroot is path as HAProxy sees it after chroot: relative to the
// chroot directory, which must hold it.
func insideChroot(path, chroot string) (string, error) {
	if chroot == "" {
		return path, nil
	}
	root := "/" + strings.Trim(chroot, "/")
	rest, ok := strings.CutPrefix(path, root+"/")
	if !ok {
		return "", fmt.Errorf("unix socket %s is outside HAProxy's chroot %s, where HAProxy cannot reach it", path, root)
	}
	return "/" + rest, nil
}

// logTarget is the syslog address in the syntax of HAProxy's log directive:
// host:port for UDP (ipv4@/ipv6@ when the family is forced), the socket path
// as HAProxy sees it (inside its chroot) for a unix datagram socket; "" when
// the log input is off.
func logTarget(addr, chroot string) (string, error) {
	if addr == Off {
		return "", nil
	}
	e, err := endpoint.Parse(addr, endpoint.Use{Datagram: true})
	if err != nil {
		return "", fmt.Errorf("wiring: syslog address %w", err)
	}
	if !e.IsUnix() {
		return e.HAProxy(), nil
	}
	path, err := insideChroot(e.Address, chroot)
	if err != nil {
		return "", fmt.Errorf("wiring: syslog address: %w", err)
	}
	return path, nil
}

// statsSocketTarget is the stats socket address in HAProxy's syntax, and
// whether it is a unix socket (which gets a file mode); "" when the runtime
// API input is off.
func statsSocketTarget(addr string) (target string, unix bool, err error) {
	if addr == Off {
		return "", false, nil
	}
	e, err := endpoint.Parse(addr, endpoint.Use{Dial: true})
	if err != nil {
		return "", false, fmt.Errorf("wiring: stats socket %w", err)
	}
	if e.IsUnix() {
		return e.Address, true, nil
	}
	return e.HAProxy(), false, nil
}

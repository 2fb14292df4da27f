package agent

import (
	"fmt"
	"net"
	"slices"
	"strings"
)

// Endpoint is a parsed listener or socket address, in the terms of net.Listen
// and net.Dial.
type Endpoint struct {
	Network string // "tcp", "udp", "unix" or "unixgram"
	Address string // host:port or a filesystem path
}

// String returns the endpoint in the URL-like form the flags use.
func (e Endpoint) String() string { return e.Network + "://" + e.Address }

// ParseEndpoint parses "scheme://address" where scheme is one of networks.
// A bare absolute path means "unix" and a bare host:port means "tcp", when
// those networks are allowed.
func ParseEndpoint(s string, networks ...string) (Endpoint, error) {
	network, address, found := strings.Cut(s, "://")
	if !found {
		network, address = guessNetwork(s)
	}
	if !slices.Contains(networks, network) {
		return Endpoint{}, fmt.Errorf("%q: network %q not supported here (want one of %s)", s, network, strings.Join(networks, ", "))
	}
	if err := checkAddress(network, address); err != nil {
		return Endpoint{}, fmt.Errorf("%q: %w", s, err)
	}
	return Endpoint{Network: network, Address: address}, nil
}

// guessNetwork handles the forms without "://": HAProxy-style "unix:/path"
// and "unixgram:/path", a bare absolute path (unix), and host:port (tcp).
func guessNetwork(s string) (network, address string) {
	for _, prefix := range []string{"unixgram:", "unix:"} {
		if path, ok := strings.CutPrefix(s, prefix); ok {
			return strings.TrimSuffix(prefix, ":"), path
		}
	}
	if strings.HasPrefix(s, "/") {
		return "unix", s
	}
	return "tcp", s
}

func checkAddress(network, address string) error {
	if network == "unix" || network == "unixgram" {
		if !strings.HasPrefix(address, "/") {
			return fmt.Errorf("socket path %q is not absolute", address)
		}
		return nil
	}
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("want host:port: %w", err)
	}
	if port == "" {
		return fmt.Errorf("missing port")
	}
	if host == "" {
		return fmt.Errorf("missing host (use 127.0.0.1 for loopback, 0.0.0.0 to listen everywhere on purpose)")
	}
	return nil
}

// validateAddresses checks every configured address against the networks
// its input supports.
func validateAddresses(c Config) []error {
	fields := []struct {
		name, value string
		networks    []string
	}{
		{"spoe_listen", c.SPOEListen, []string{"tcp", "unix"}},
		{"syslog_listen", c.SyslogListen, []string{"udp", "unixgram"}},
		{"haproxy_socket", c.HAProxySocket, []string{"unix", "tcp"}},
		{"http_listen", c.HTTPListen, []string{"tcp"}},
	}
	var errs []error
	for _, f := range fields {
		if f.value == "" {
			continue
		}
		if _, err := ParseEndpoint(f.value, f.networks...); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", f.name, err))
		}
	}
	if c.AlertmanagerURL != "" && !strings.HasPrefix(c.AlertmanagerURL, "http://") && !strings.HasPrefix(c.AlertmanagerURL, "https://") {
		errs = append(errs, fmt.Errorf("alertmanager_url: %q is not an http(s) URL", c.AlertmanagerURL))
	}
	return errs
}

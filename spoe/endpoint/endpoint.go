// Package endpoint is the one place where the agent reads a socket address:
// every input and output (SPOE listener, syslog listener, stats socket, HTTP
// listener) parses its address here, checks it here before binding (so
// `hapguard agent --check-config` and a real start agree), and listens here.
//
// Accepted forms, for a stream (tcp/unix) or datagram (udp/unixgram) use:
//   - URL-like: tcp://host:port, udp://host:port (also tcp4, tcp6, udp4,
//     udp6), unix:///path, unixgram:///path, and unix:/path, unixgram:/path;
//   - HAProxy's own prefixes (configuration manual, section 11): ip@, ipv4@,
//     ipv6@, tcp@, tcp4@, tcp6@, udp@, udp4@, udp6@, unix@, uxst@, uxdg@;
//   - bare host:port, and a bare absolute path for a unix socket.
//
// An empty host means loopback (never every interface: write 0.0.0.0 or *
// for that, as in HAProxy). Unix socket paths must be absolute: a relative
// path would be read from the agent's working directory, which is not
// HAProxy's.
package endpoint

import (
	"net"
	"strings"
)

// Endpoint is a parsed address, in the terms of net.Listen and net.Dial.
type Endpoint struct {
	// Network is "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6", "unix" or
	// "unixgram".
	Network string
	// Address is host:port (host never empty) or an absolute path.
	Address string
}

// String returns the endpoint in the URL-like form the agent's flags use.
func (e Endpoint) String() string { return e.Network + "://" + e.Address }

// IsUnix reports whether e is a unix socket (stream or datagram).
func (e Endpoint) IsUnix() bool { return strings.HasPrefix(e.Network, "unix") }

// HAProxy returns e in the syntax of HAProxy's own address fields: the path
// of a unix socket with the unix@ prefix, host:port otherwise, with ipv4@ or
// ipv6@ when the family was forced.
func (e Endpoint) HAProxy() string {
	switch e.Network {
	case "unix", "unixgram":
		return "unix@" + e.Address
	case "tcp4", "udp4":
		return "ipv4@" + e.Address
	case "tcp6", "udp6":
		return "ipv6@" + e.Address
	}
	return e.Address
}

// Host returns the host part of a host:port endpoint, "" for a unix socket.
func (e Endpoint) Host() string {
	if e.IsUnix() {
		return ""
	}
	host, _, _ := net.SplitHostPort(e.Address)
	return host
}

package runtimeapi

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// ParseAddress turns a stats socket address into a network and an address
// for net.Dial. It accepts a unix socket path ("/run/haproxy/admin.sock",
// or anything with a slash), HAProxy's own prefixes ("unix@path",
// "ipv4@host:port", "ipv6@[::1]:port", "tcp@host:port") and a plain
// "host:port".
func ParseAddress(s string) (network, address string, err error) {
	s = strings.TrimSpace(s)
	if prefix, rest, ok := strings.Cut(s, "@"); ok {
		switch prefix {
		case "unix":
			return unixAddress(rest, s)
		case "ipv4", "ipv6", "tcp", "tcp4", "tcp6":
			return tcpAddress(rest, s)
		}
	}
	if strings.Contains(s, "/") {
		return unixAddress(s, s)
	}
	return tcpAddress(s, s)
}

func unixAddress(path, original string) (string, string, error) {
	if path == "" {
		return "", "", fmt.Errorf("stats socket address %q: empty unix socket path", original)
	}
	return "unix", path, nil
}

func tcpAddress(hostPort, original string) (string, string, error) {
	host, port, err := net.SplitHostPort(hostPort)
	if err != nil {
		return "", "", fmt.Errorf("stats socket address %q: want a unix socket path or host:port: %w", original, err)
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || n == 0 {
		return "", "", fmt.Errorf("stats socket address %q: port %q is not a number in 1-65535", original, port)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return "tcp", net.JoinHostPort(host, port), nil
}

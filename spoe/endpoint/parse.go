package endpoint

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Use says what an address is for; it decides the default network, which
// forms are allowed and whether port 0 is.
type Use struct {
	// Datagram selects udp/unixgram; otherwise tcp/unix (stream).
	Datagram bool
	// Dial marks an address the agent connects to (port 0 refused);
	// otherwise the agent listens on it (port 0 picks a free port).
	Dial bool
	// NoUnix refuses unix sockets (for example the HTTP listener, whose
	// address goes into URLs).
	NoUnix bool
}

// family is what a prefix or scheme says about the address after it.
type family struct {
	ip       string // "", "4" or "6": forced IP family
	unix     bool   // a socket path follows
	datagram int    // 0: the use decides; 1: forced datagram; -1: forced stream
}

// prefixes are HAProxy's address prefixes (manual section 11) and the
// URL-like schemes, with what they say.
var prefixes = map[string]family{
	"ip@": {}, "ipv4@": {ip: "4"}, "ipv6@": {ip: "6"}, "unix@": {unix: true},
	"tcp@": {datagram: -1}, "tcp4@": {ip: "4", datagram: -1}, "tcp6@": {ip: "6", datagram: -1},
	"udp@": {datagram: 1}, "udp4@": {ip: "4", datagram: 1}, "udp6@": {ip: "6", datagram: 1},
	"uxst@": {unix: true, datagram: -1}, "uxdg@": {unix: true, datagram: 1},
	"tcp://": {datagram: -1}, "tcp4://": {ip: "4", datagram: -1}, "tcp6://": {ip: "6", datagram: -1},
	"udp://": {datagram: 1}, "udp4://": {ip: "4", datagram: 1}, "udp6://": {ip: "6", datagram: 1},
	"unix://": {unix: true, datagram: -1}, "unixgram://": {unix: true, datagram: 1},
	"unix:": {unix: true, datagram: -1}, "unixgram:": {unix: true, datagram: 1},
}

// Parse reads s for use u. Errors quote s and say which forms would do.
func Parse(s string, u Use) (Endpoint, error) {
	e, err := parse(strings.TrimSpace(s), u)
	if err != nil {
		return Endpoint{}, fmt.Errorf("%q: %w", s, err)
	}
	return e, nil
}

func parse(s string, u Use) (Endpoint, error) {
	if s == "" {
		return Endpoint{}, fmt.Errorf("empty address (want %s)", u.forms())
	}
	f, rest := splitPrefix(s)
	if f.datagram == 1 && !u.Datagram || f.datagram == -1 && u.Datagram {
		return Endpoint{}, fmt.Errorf("wrong socket type here (want %s)", u.forms())
	}
	if f.unix {
		return u.unixEndpoint(rest)
	}
	return u.ipEndpoint(rest, f.ip)
}

// splitPrefix separates a known prefix (longest first: "unix://" before
// "unix:") from the rest; a bare path is a unix socket.
func splitPrefix(s string) (family, string) {
	best := ""
	for p := range prefixes {
		if strings.HasPrefix(s, p) && len(p) > len(best) {
			best = p
		}
	}
	if best != "" {
		return prefixes[best], s[len(best):]
	}
	if strings.HasPrefix(s, "/") {
		return family{unix: true}, s
	}
	return family{}, s
}

func (u Use) unixEndpoint(path string) (Endpoint, error) {
	if u.NoUnix {
		return Endpoint{}, fmt.Errorf("a unix socket is not possible here (want %s)", u.forms())
	}
	if strings.HasPrefix(path, "//") { // unix:///path read as unix: + //path
		path = "/" + strings.TrimLeft(path, "/")
	}
	switch {
	case path == "":
		return Endpoint{}, fmt.Errorf("empty socket path")
	case !strings.HasPrefix(path, "/"):
		return Endpoint{}, fmt.Errorf("socket path %q is not absolute (HAProxy and the agent do not share a working directory)", path)
	case strings.ContainsRune(path, 0):
		return Endpoint{}, fmt.Errorf("socket path contains a NUL byte")
	}
	network := "unix"
	if u.Datagram {
		network = "unixgram"
	}
	return Endpoint{Network: network, Address: path}, nil
}

func (u Use) ipEndpoint(hostPort, ip string) (Endpoint, error) {
	if strings.Contains(hostPort, "/") || strings.Contains(hostPort, "@") {
		return Endpoint{}, fmt.Errorf("unsupported address form (want %s)", u.forms())
	}
	host, port, err := splitHostPort(hostPort, ip)
	if err != nil {
		return Endpoint{}, err
	}
	if err := u.checkPort(port); err != nil {
		return Endpoint{}, err
	}
	host, err = checkHost(host, ip)
	if err != nil {
		return Endpoint{}, err
	}
	network := "tcp"
	if u.Datagram {
		network = "udp"
	}
	return Endpoint{Network: network + ip, Address: net.JoinHostPort(host, port)}, nil
}

// splitHostPort also takes HAProxy's unbracketed ipv6@::1:80 (the last
// colon starts the port).
func splitHostPort(hostPort, ip string) (host, port string, err error) {
	if ip == "6" && !strings.HasPrefix(hostPort, "[") && strings.Count(hostPort, ":") > 1 {
		i := strings.LastIndexByte(hostPort, ':')
		return hostPort[:i], hostPort[i+1:], nil
	}
	host, port, err = net.SplitHostPort(hostPort)
	if err != nil {
		return "", "", fmt.Errorf("want host:port: %w", err)
	}
	return host, port, nil
}

func (u Use) checkPort(port string) error {
	lowest := 0
	if u.Dial {
		lowest = 1
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < lowest || n > 65535 || port[0] == '+' || port[0] == '-' {
		return fmt.Errorf("port %q is not a number in %d-65535", port, lowest)
	}
	return nil
}

// checkHost turns HAProxy's "*" and an empty host into addresses and
// checks that a literal IP matches a forced family.
func checkHost(host, ip string) (string, error) {
	switch host {
	case "":
		if ip == "6" {
			return "::1", nil
		}
		return "127.0.0.1", nil
	case "*":
		if ip == "6" {
			return "::", nil
		}
		return "0.0.0.0", nil
	}
	addr := net.ParseIP(host)
	if addr == nil {
		if strings.ContainsAny(host, " :[]") {
			return "", fmt.Errorf("host %q is neither an IP address nor a host name", host)
		}
		return host, nil
	}
	if ip == "4" && addr.To4() == nil || ip == "6" && addr.To4() != nil {
		return "", fmt.Errorf("%s is not an IPv%s address", host, ip)
	}
	return host, nil
}

// forms lists the address forms u accepts, for error messages.
func (u Use) forms() string {
	switch {
	case u.Datagram && u.NoUnix:
		return "udp://host:port"
	case u.Datagram:
		return "udp://host:port or unixgram:///path"
	case u.NoUnix:
		return "host:port"
	}
	return "tcp://host:port or unix:///path"
}

package rules

import (
	"net"
	"strconv"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// portKind classifies the port part of a server address for health checks.
type portKind int

const (
	portNone    portKind = iota // no port, or port 0: the client's destination port is reused
	portNumber                  // a fixed port
	portOffset                  // "+N"/"-N": relative to the client's destination port
	portUnknown                 // depends on an environment variable, or is malformed
	portNotInet                 // a socket address (unix@, abns@, /path, fd@...) or SRV template: no port needed
)

// notInetPrefixes are address prefixes whose targets have no port.
var notInetPrefixes = []string{"unix@", "abns@", "fd@", "sockpair@", "uxst@", "uxdg@", "abnsz@"}

// addrPort is the port of a server address as HAProxy reads it.
type addrPort struct {
	Kind portKind
	Port int
	// Literal is true when the host is an IP literal rather than a name.
	Literal bool
}

// serverAddrPort reads the port of a server or server-template address.
// Variables are expanded when the environment is known; otherwise a port
// written literally after them still counts ("${HOST}:8080").
func serverAddrPort(p *lint.Pass, sl *lint.ServerLine) addrPort {
	w := sl.Addr()
	text := w.Text
	if w.HasVars() && p.Options.Env != nil {
		text = w.Expand(p.Options.LookupEnv)
	}
	lower := strings.ToLower(text)
	for _, prefix := range notInetPrefixes {
		if strings.HasPrefix(lower, prefix) {
			return addrPort{Kind: portNotInet}
		}
	}
	if strings.HasPrefix(text, "/") || sl.Template && strings.HasPrefix(text, "_") {
		return addrPort{Kind: portNotInet}
	}
	if at := strings.IndexByte(text, '@'); at > 0 && !strings.ContainsAny(text[:at], "$:[") {
		text = text[at+1:] // ipv4@, ipv6@, udp@...: an inet address follows
	}
	ap := parsePortPart(portPart(text))
	ap.Literal = isIPLiteral(text)
	return ap
}

// isIPLiteral reports whether an address (with or without port) names an
// IP literal: [v6], v6 with its last group read as the port, or v4.
func isIPLiteral(text string) bool {
	if strings.HasPrefix(text, "[") {
		end := strings.IndexByte(text, ']')
		return end > 0 && net.ParseIP(text[1:end]) != nil
	}
	if net.ParseIP(text) != nil {
		return true
	}
	if colon := strings.LastIndexByte(text, ':'); colon >= 0 {
		return net.ParseIP(text[:colon]) != nil
	}
	return false
}

// portPart returns what follows the address's port separator, or "" when
// there is none. Unbracketed IPv6 literals lose their last group to the
// port, as in HAProxy.
func portPart(text string) string {
	if strings.HasPrefix(text, "[") {
		end := strings.IndexByte(text, ']')
		if end < 0 || !strings.HasPrefix(text[end+1:], ":") {
			return ""
		}
		return text[end+2:]
	}
	colon := strings.LastIndexByte(text, ':')
	if colon < 0 {
		if strings.Contains(text, "$") {
			return "$" // a variable may carry the port
		}
		return ""
	}
	return text[colon+1:]
}

func parsePortPart(s string) addrPort {
	switch {
	case s == "":
		return addrPort{Kind: portNone}
	case strings.ContainsAny(s, "${}"):
		return addrPort{Kind: portUnknown}
	case s[0] == '+' || s[0] == '-':
		return addrPort{Kind: portOffset}
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil || n < 0 || n > 65535:
		return addrPort{Kind: portUnknown}
	case n == 0:
		return addrPort{Kind: portNone}
	}
	return addrPort{Kind: portNumber, Port: n}
}

// checkPortOption returns the check "port" option in effect, if it is a
// valid number.
func checkPortOption(v serverView) (int, bool) {
	o, _, ok := v.Option("port")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(o.Value)
	return n, err == nil && n > 0 && n <= 65535
}

package rules

import (
	"strconv"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// portKind classifies the port of a server address for health checks.
type portKind int

const (
	portNone    portKind = iota // no port, or port 0: the client's destination port is reused
	portNumber                  // a fixed port
	portOffset                  // "+N"/"-N": relative to the client's destination port
	portUnknown                 // depends on an environment variable, or is malformed (HG102)
	portNotInet                 // a socket address (unix@, abns@, /path, fd@...) or SRV template: no port needed
)

// addrPort is the port of a server address as health checks see it.
type addrPort struct {
	Kind portKind
	Port int
	// Literal is true when the host is an IP literal rather than a name.
	Literal bool
}

// serverAddrPort reads the port of a server or server-template address
// with the shared address parser (variables expanded when the environment
// is known; a port written literally after them still counts).
func serverAddrPort(p *lint.Pass, sl *lint.ServerLine) addrPort {
	a := lint.ParseAddress(sl.Addr(), p.Options)
	literal := a.Family == lint.FamilyIPv4 || a.Family == lint.FamilyIPv6
	switch {
	case a.IsSocket() || sl.Template && strings.HasPrefix(a.Host, "_"):
		return addrPort{Kind: portNotInet}
	case a.PortUnknown || !a.HasPort && a.HostUnknown:
		return addrPort{Kind: portUnknown}
	case !a.HasPort:
		return addrPort{Kind: portNone, Literal: literal}
	}
	ap := fromPort(lint.ParsePort(a.Port))
	ap.Literal = literal
	return ap
}

// fromPort classifies a parsed port part.
func fromPort(port lint.Port) addrPort {
	switch {
	case port.Kind == lint.PortNone, port.Kind == lint.PortNumber && port.Value == 0:
		return addrPort{Kind: portNone}
	case port.Kind == lint.PortOffset:
		return addrPort{Kind: portOffset}
	case port.Kind == lint.PortNumber && port.Value <= 65535:
		return addrPort{Kind: portNumber, Port: port.Value}
	}
	return addrPort{Kind: portUnknown}
}

// addrHasPort reports whether an address value (of a tcp-check connect
// "addr") carries a fixed port.
func addrHasPort(text string) bool {
	a := lint.ParseAddress(lint.NewWord(text, 0), lint.Options{})
	return a.HasPort && fromPort(lint.ParsePort(a.Port)).Kind == portNumber
}

// checkPortOption returns the check "port" option in effect, if it is a
// valid number.
func checkPortOption(v lint.Server) (int, bool) {
	o, _, ok := v.Option("port")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(o.Value)
	return n, err == nil && n > 0 && n <= 65535
}

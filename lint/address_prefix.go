package lint

// AddressPrefix describes one address prefix of configuration manual 2.6
// §11 / 3.2 §2.9.
type AddressPrefix struct {
	Datagram bool    // a datagram socket: servers refuse it
	Since    Version // first HAProxy version that knows it
}

// addressPrefixes are the families and protocol aliases HAProxy knows.
var addressPrefixes = map[string]AddressPrefix{
	"ip": {}, "ipv4": {}, "ipv6": {}, "unix": {}, "abns": {}, "fd": {}, "sockpair": {},
	"tcp": {}, "tcp4": {}, "tcp6": {}, "uxst": {},
	"udp": {Datagram: true}, "udp4": {Datagram: true}, "udp6": {Datagram: true},
	"uxdg": {Datagram: true}, "quic4": {Datagram: true}, "quic6": {Datagram: true},
	"rhttp": {Since: Version{3, 0}}, "abnsz": {Since: Version{3, 1}},
}

// LookupAddressPrefix returns what HAProxy knows of prefix (without '@'),
// including the "stream+" and "dgram+" forms; ok is false for an unknown
// prefix, which HAProxy then reads as part of a host name.
func LookupAddressPrefix(prefix string) (p AddressPrefix, ok bool) {
	base := BasePrefix(prefix)
	p, ok = addressPrefixes[base]
	if !ok || base == prefix {
		return p, ok
	}
	switch prefix[:len(prefix)-len(base)] {
	case "stream+":
		p.Datagram = false
	case "dgram+":
		p.Datagram = true
	default:
		return AddressPrefix{}, false
	}
	return p, true
}

package lint

import (
	"net/netip"
	"strings"
)

// AddrFamily is the kind of endpoint an address names.
type AddrFamily int

// Address families, after the prefix and the literal are read.
const (
	FamilyUnknown  AddrFamily = iota // depends on an unknown variable
	FamilyIPv4                       // an IPv4 literal (or "*", or empty)
	FamilyIPv6                       // an IPv6 literal
	FamilyHostname                   // a name to resolve
	FamilyUnix                       // a unix socket path (unix@, uxst@, a leading '/')
	FamilyABNS                       // a Linux abstract socket (abns@, abnsz@)
	FamilyFD                         // an inherited file descriptor (fd@, sockpair@)
	FamilyReverse                    // a reverse-HTTP server (rhttp@, HAProxy 3.0+)
)

// Address is a server or bind address split the way HAProxy's str2sa_range
// reads it (configuration manual 2.6 §11, 3.2 §2.9): an optional prefix, a
// host (an IP literal in brackets or not, a name, "*"), and an optional port
// after the last colon.
type Address struct {
	Text   string // the text analysed, after variable expansion when known
	Prefix string // "ipv4", "unix", "stream+ipv4", ... without the '@'; "" if none
	Host   string // host, path or descriptor, without brackets
	// Bracketed is true for "[v6]" and "[v6]:port".
	Bracketed bool
	// HasPort is true when a ':' introduces a port, even an empty one.
	HasPort bool
	Port    string
	Family  AddrFamily
	// HostUnknown and PortUnknown are set when that part depends on an
	// environment variable whose value is not known.
	HostUnknown, PortUnknown bool
	// Unset lists variables without a default that the known environment
	// does not set (they expand to nothing).
	Unset []string
	// Placeholder is set when the host is an unfilled template marker
	// ("BOOTSTRAP_IP", "<node-ip>", "x.x.x.x"): the real address is not
	// known, so HostUnknown is set too and address rules stay silent.
	Placeholder bool
}

// ParseAddress reads the address word w. Environment variables are expanded
// with opts.Env when it is known (addresses expand them even unquoted, as
// HAProxy's address parser does); otherwise the parts holding them are
// marked unknown.
func ParseAddress(w Word, opts Options) Address {
	text := w.Text()
	var unset []string
	if w.HasVars() && opts.Env != nil {
		for _, v := range w.Vars() {
			if _, ok := opts.Env[v.Name]; !ok && !v.HasDefault {
				unset = append(unset, v.Name)
			}
		}
		text = w.Expand(opts.LookupEnv)
	}
	a := splitAddress(text)
	a.Unset = unset
	if w.HasVars() && opts.Env == nil {
		a.HostUnknown = strings.Contains(a.Prefix+a.Host, "$")
		a.PortUnknown = strings.Contains(a.Port, "$")
		if a.HostUnknown {
			a.Family = FamilyUnknown
		}
	}
	if a.Family == FamilyHostname && LooksLikePlaceholder(a.Host) {
		a.Placeholder, a.HostUnknown, a.Family = true, true, FamilyUnknown
	}
	return a
}

func splitAddress(text string) Address {
	a := Address{Text: text}
	rest := text
	if at := strings.IndexByte(rest, '@'); at > 0 && isPrefixWord(rest[:at]) {
		a.Prefix, rest = rest[:at], rest[at+1:]
	}
	switch base := BasePrefix(a.Prefix); {
	case base == "unix" || base == "uxst" || base == "uxdg" || a.Prefix == "" && strings.HasPrefix(rest, "/"):
		a.Host, a.Family = rest, FamilyUnix
	case base == "abns" || base == "abnsz":
		a.Host, a.Family = rest, FamilyABNS
	case base == "fd" || base == "sockpair":
		a.Host, a.Family = rest, FamilyFD
	case base == "rhttp":
		a.Host, a.Family = rest, FamilyReverse
	default:
		a.splitHostPort(rest)
	}
	return a
}

// splitHostPort splits at the closing bracket or, as HAProxy does, at the
// last colon, so an IPv6 literal without brackets loses its last group to
// the port.
func (a *Address) splitHostPort(rest string) {
	if strings.HasPrefix(rest, "[") {
		if end := strings.IndexByte(rest, ']'); end > 0 {
			after := rest[end+1:]
			if after == "" || after[0] == ':' {
				a.Host, a.Bracketed = rest[1:end], true
				a.HasPort, a.Port = after != "", strings.TrimPrefix(after, ":")
				a.Family = hostFamily(a.Host)
				return
			}
		}
		// An unclosed bracket or text glued after it: HAProxy takes the
		// whole word for a name and cannot resolve it.
		a.Host, a.Family = rest, FamilyHostname
		return
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		a.Host, a.Port, a.HasPort = rest[:i], rest[i+1:], true
	} else {
		a.Host = rest
	}
	a.Family = hostFamily(a.Host)
}

func hostFamily(host string) AddrFamily {
	if host == "" || host == "*" {
		return FamilyIPv4
	}
	if isDottedQuad(host) {
		return FamilyIPv4 // the common case, without netip's general parser
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if ip.Is4() {
			return FamilyIPv4
		}
		return FamilyIPv6
	}
	return FamilyHostname
}

// isDottedQuad reports whether s is an IPv4 address in the strict form
// netip accepts: four decimal parts of 0-255 without leading zeros.
func isDottedQuad(s string) bool {
	parts, digits, value := 0, 0, 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if digits == 0 || parts == 3 && i < len(s) {
				return false
			}
			parts, digits, value = parts+1, 0, 0
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || digits > 0 && value == 0 {
			return false // not a digit, or a leading zero
		}
		digits, value = digits+1, value*10+int(c-'0')
		if value > 255 {
			return false
		}
	}
	return parts == 4
}

// UnbracketedIPv6 reports whether the text before the port looked like an
// IPv6 literal written without brackets ("2001:db8::1:80").
func (a Address) UnbracketedIPv6() bool {
	return !a.Bracketed && a.HasPort && strings.Contains(a.Host, ":")
}

// IsWildcard reports whether the host is the "any" address: empty, "*",
// 0.0.0.0 or ::.
func (a Address) IsWildcard() bool {
	if a.HostUnknown || a.Family != FamilyIPv4 && a.Family != FamilyIPv6 {
		return false
	}
	if a.Host == "" || a.Host == "*" {
		return true
	}
	ip, err := netip.ParseAddr(a.Host)
	return err == nil && ip.IsUnspecified()
}

// IsSocket reports whether the address names a local socket or descriptor,
// which carries no port.
func (a Address) IsSocket() bool {
	return a.Family == FamilyUnix || a.Family == FamilyABNS || a.Family == FamilyFD || a.Family == FamilyReverse
}

// BasePrefix returns the family part of a prefix: "stream+ipv4" -> "ipv4".
func BasePrefix(prefix string) string {
	if i := strings.IndexByte(prefix, '+'); i >= 0 {
		return prefix[i+1:]
	}
	return prefix
}

func isPrefixWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+') {
			return false
		}
	}
	return true
}

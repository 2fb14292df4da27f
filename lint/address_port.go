package lint

import (
	"strconv"
	"strings"
)

// PortKind classifies the port part of an address.
type PortKind int

// Port kinds, per configuration manual 2.6 §11 and the "server" keyword.
const (
	PortNone     PortKind = iota // no port: the client's destination port is used
	PortNumber                   // a plain number (see Port.Value for its range)
	PortOffset                   // "+N" or "-N": added to the client's port
	PortRange                    // "N-M": only "bind" takes ranges
	PortTrailing                 // digits followed by other text ("80abc")
	PortInvalid                  // anything else
)

// Port is a parsed port part.
type Port struct {
	Kind  PortKind
	Value int // the number, offset or range start; -1 when not a number
}

// ParsePort reads the text after an address's port colon ("" for none).
func ParsePort(s string) Port {
	switch {
	case s == "":
		return Port{Kind: PortNone, Value: -1}
	case s[0] == '+' || s[0] == '-':
		n, err := strconv.Atoi(s[1:])
		if err != nil || !allDigits(s[1:]) {
			return Port{Kind: PortInvalid, Value: -1}
		}
		return Port{Kind: PortOffset, Value: n}
	}
	digits := leadingDigits(s)
	if digits == "" {
		return Port{Kind: PortInvalid, Value: -1}
	}
	n := atoiClamped(digits)
	rest := s[len(digits):]
	switch {
	case rest == "":
		return Port{Kind: PortNumber, Value: n}
	case rest[0] == '-' && allDigits(rest[1:]) && len(rest) > 1:
		return Port{Kind: PortRange, Value: n}
	}
	return Port{Kind: PortTrailing, Value: n}
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

func allDigits(s string) bool { return s != "" && leadingDigits(s) == s }

// atoiClamped converts digits, saturating at a value above any port.
func atoiClamped(digits string) int {
	digits = strings.TrimLeft(digits, "0")
	if len(digits) > 7 {
		return 9_999_999
	}
	n, _ := strconv.Atoi(digits)
	return n
}

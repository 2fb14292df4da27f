package runtimeapi

import (
	"strings"

	"github.com/hapguard/hapguard/spoe/event"
)

// ParseServerStatus maps the "status" column of a server row to a state.
// HAProxy writes transitional forms such as "UP 2/3" (up, failing checks)
// or "DOWN 1/2" (down, passing checks), suffixes such as "MAINT (via
// be/s1)", "MAINT (resolution)" or "DOWN (agent)", and "no check" for a
// server without health checks, which HAProxy treats as up. Only the leading
// word decides; anything unrecognised is StateUnknown.
func ParseServerStatus(status string) event.ServerState {
	status = strings.TrimSpace(status)
	if strings.HasPrefix(status, "no check") {
		return event.StateUp
	}
	word := status
	if i := strings.IndexAny(status, " ("); i >= 0 {
		word = status[:i]
	}
	switch word {
	case "UP":
		return event.StateUp
	case "DOWN":
		return event.StateDown
	case "MAINT":
		return event.StateMaint
	case "DRAIN":
		return event.StateDrain
	case "NOLB":
		return event.StateNoLB
	}
	return event.StateUnknown
}

// normalizeCheckStatus strips the "* " prefix HAProxy adds to the last known
// check status while a check is running (management guide §9.1, field 36).
func normalizeCheckStatus(s string) string {
	s = strings.TrimSpace(s)
	return strings.TrimSpace(strings.TrimPrefix(s, "*"))
}

// isServing reports whether a server in this state can take new traffic,
// for the "no server UP" condition. DRAIN and NOLB servers only finish
// persistent and in-flight work: a backend left with nothing else answers
// new requests with 503 <NOSRV>, and HAProxy's own "show stat" reports such
// a backend DOWN (measured on 2.6: s1 DRAIN, s2 DOWN -> backend DOWN).
func isServing(s event.ServerState) bool {
	return s == event.StateUp
}

// checkDescription joins check_desc ("Layer4 connection problem") and
// last_chk ("Connection refused") into one human-readable text.
func checkDescription(desc, last string) string {
	desc, last = strings.TrimSpace(desc), strings.TrimSpace(last)
	switch {
	case desc == "":
		return last
	case last == "" || last == desc:
		return desc
	}
	return desc + ": " + last
}

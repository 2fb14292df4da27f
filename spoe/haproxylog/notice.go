package haproxylog

import (
	"bytes"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// checkStatuses maps the reason HAProxy writes in a server state message to
// the check status code of `show stat` (HAProxy's check_statuses table).
var checkStatuses = map[string]string{
	"Unknown":                           "UNK",
	"Initializing":                      "INI",
	"Health analyze":                    "HANA",
	"Socket error":                      "SOCKERR",
	"Layer4 check passed":               "L4OK",
	"Layer4 timeout":                    "L4TOUT",
	"Layer4 connection problem":         "L4CON",
	"Layer6 check passed":               "L6OK",
	"Layer6 timeout":                    "L6TOUT",
	"Layer6 invalid response":           "L6RSP",
	"Layer7 timeout":                    "L7TOUT",
	"Layer7 invalid response":           "L7RSP",
	"Layer7 check passed":               "L7OK",
	"Layer7 check conditionally passed": "L7OKC",
	"Layer7 wrong status":               "L7STS",
	"External check error":              "PROCERR",
	"External check timeout":            "PROCTOUT",
	"External check passed":             "PROCOK",
}

// otherNotices are the beginnings of HAProxy messages that are recognised
// but carry nothing for detection (startup, reload, per-check details).
var otherNotices = [...]string{
	"Proxy ", "Stopping ", "Pausing ", "Resuming ", "Health check for ",
	"Agent check for ", "Connect from ", "backend ", "Server ", "Backup Server ",
}

// parseNotice handles the non-traffic messages HAProxy sends on the same log
// stream: server state changes and "backend X has no server available!".
func (p *Parser) parseNotice(msg []byte, now time.Time, ev *event.Event) LineKind {
	if rest, ok := bytes.CutPrefix(msg, []byte("Server ")); ok {
		if p.parseServerState(rest, now, ev) {
			return LineServerState
		}
	} else if rest, ok := bytes.CutPrefix(msg, []byte("Backup Server ")); ok {
		if p.parseServerState(rest, now, ev) {
			return LineServerState
		}
	} else if p.parseNoServer(msg, now, ev) {
		return LineServerState
	}
	for _, prefix := range otherNotices {
		if bytes.HasPrefix(msg, []byte(prefix)) {
			return LineOther
		}
	}
	return LineUnparsable
}

// parseNoServer handles "backend be has no server available!" (quoted as
// 'be' in some versions).
func (p *Parser) parseNoServer(msg []byte, now time.Time, ev *event.Event) bool {
	rest, ok := bytes.CutPrefix(msg, []byte("backend "))
	if !ok {
		return false
	}
	name, ok := bytes.CutSuffix(rest, []byte(" has no server available!"))
	if !ok || len(name) == 0 || bytes.IndexByte(name, ' ') >= 0 {
		return false
	}
	name = bytes.Trim(name, "'")
	*ev = event.Event{
		Time: now, Kind: event.KindServerState, Source: event.SourceLog,
		Backend: p.names.get(name), State: event.StateDown,
		Cause: event.CauseNoServerUp, Timings: event.Unknown,
	}
	return true
}

// parseServerState handles "be/s1 is DOWN, reason: ..." and its relatives
// (the text after "Server ").
func (p *Parser) parseServerState(msg []byte, now time.Time, ev *event.Event) bool {
	name, rest := cutField(msg)
	backend, server, ok := bytes.Cut(name, []byte("/"))
	if !ok || len(backend) == 0 || len(server) == 0 {
		return false
	}
	state := serverState(rest)
	if state == event.StateUnknown {
		return false
	}
	*ev = event.Event{
		Time: now, Kind: event.KindServerState, Source: event.SourceLog,
		Backend: p.names.get(backend), Server: p.names.get(server),
		State: state, Timings: event.Unknown,
	}
	if state == event.StateDown {
		ev.Cause = event.CauseServerDown
	}
	ev.CheckStatus, ev.CheckDesc = checkReason(rest)
	return true
}

// serverState reads the new state from the words after the server name.
func serverState(rest []byte) event.ServerState {
	switch {
	case bytes.HasPrefix(rest, []byte("is UP")):
		return event.StateUp
	case bytes.HasPrefix(rest, []byte("is DOWN")):
		return event.StateDown
	case bytes.Contains(rest, []byte("maintenance")):
		return event.StateMaint
	case bytes.Contains(rest, []byte("drain")):
		return event.StateDrain
	case bytes.HasPrefix(rest, []byte("is stopping")):
		return event.StateNoLB
	}
	return event.StateUnknown
}

// checkReason extracts the check status code and the reason text, from
// "reason: " up to ", check duration" (or the end of the sentence).
func checkReason(rest []byte) (status, desc string) {
	_, reason, ok := bytes.Cut(rest, []byte("reason: "))
	if !ok {
		return "", ""
	}
	if i := bytes.Index(reason, []byte(", check duration")); i >= 0 {
		reason = reason[:i]
	} else if i := bytes.Index(reason, []byte(". ")); i >= 0 {
		reason = reason[:i]
	}
	head := reason
	if i := bytes.IndexAny(head, ",."); i >= 0 {
		head = head[:i]
	}
	return checkStatuses[string(head)], string(reason)
}

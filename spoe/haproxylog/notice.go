package haproxylog

import (
	"bytes"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// otherNotices are the beginnings of HAProxy messages that are recognised
// but carry nothing for detection (startup, reload, per-check details, and
// the SPOE engine's own processing errors, logged through "log global" of
// the spoe-agent section: they concern the agent, not the backends).
var otherNotices = [...]string{
	"Proxy ", "Stopping ", "Pausing ", "Resuming ", "Health check for ",
	"Agent check for ", "Connect from ", "backend ", "Server ", "Backup Server ", "SPOE: ",
}

// parseNotice handles the non-traffic messages HAProxy sends on the same log
// stream: server state changes and "backend X has no server available!".
func (p *Parser) parseNotice(msg []byte, now time.Time, ev *event.Event) LineKind {
	msg = stripStderrPrefix(msg)
	if rest, ok := bytes.CutPrefix(msg, []byte("Health check for server ")); ok {
		p.rememberCheck(rest)
		return LineOther
	}
	rest, ok := bytes.CutPrefix(msg, []byte("Server "))
	if !ok {
		rest, ok = bytes.CutPrefix(msg, []byte("Backup Server "))
	}
	if ok && p.parseServerState(rest, now, ev) {
		return LineServerState
	}
	if p.parseNoServer(msg, now, ev) {
		return LineServerState
	}
	for _, prefix := range otherNotices {
		if bytes.HasPrefix(msg, []byte(prefix)) {
			return LineOther
		}
	}
	return LineUnparsable
}

// stripStderrPrefix removes "[WARNING]  (1234) : ", the prefix of HAProxy's
// messages on stderr, for streams that forward stderr to syslog.
func stripStderrPrefix(msg []byte) []byte {
	if len(msg) == 0 || msg[0] != '[' {
		return msg
	}
	head := msg[:min(len(msg), 40)]
	i := bytes.Index(head, []byte(" : "))
	if i < 0 || bytes.IndexByte(head[:i], ']') < 0 {
		return msg
	}
	return msg[i+len(" : "):]
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
	if ev.CheckDesc == "" && p.lastCheck.is(backend, server) {
		ev.CheckStatus, ev.CheckDesc = p.lastCheck.status, p.lastCheck.desc
	}
	return true
}

// serverState reads the new state from the words after the server name.
func serverState(rest []byte) event.ServerState {
	switch {
	case bytes.HasPrefix(rest, []byte("is UP/DRAIN")):
		return event.StateDrain
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

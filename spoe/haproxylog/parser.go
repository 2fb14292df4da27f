package haproxylog

import (
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// LineKind says what a log line turned out to be.
type LineKind uint8

// Kinds of log lines.
const (
	// LineUnparsable is a line the parser does not understand.
	LineUnparsable LineKind = iota
	// LineHTTP is an `option httplog` (or recommended log-format) line; it
	// produced a KindResponse event.
	LineHTTP
	// LineTCP is an `option tcplog` line; it is recognised and skipped.
	LineTCP
	// LineServerState is a server UP/DOWN/MAINT message or "backend X has no
	// server available!"; it produced a KindServerState event.
	LineServerState
	// LineOther is a recognised HAProxy message that carries nothing for
	// detection ("Proxy fe started.", connection error lines, ...).
	LineOther
)

// lineKindNames are the label values used in metrics.
var lineKindNames = [...]string{"unparsable", "http", "tcp", "server_state", "other"}

// String returns the snake_case name used as a metric label.
func (k LineKind) String() string {
	if int(k) < len(lineKindNames) {
		return lineKindNames[k]
	}
	return "unknown"
}

// HasEvent reports whether lines of this kind produce an event.
func (k LineKind) HasEvent() bool { return k == LineHTTP || k == LineServerState }

// Parser turns HAProxy log lines into events. It interns frontend, backend
// and server names in a bounded table so that parsing a line whose names it
// has seen before does not allocate. A Parser is not safe for concurrent use;
// give each reading goroutine its own.
type Parser struct {
	names     *interner
	lastCheck lastCheck
}

// NewParser returns a Parser that keeps at most maxNames interned names
// (DefaultMaxNames when maxNames <= 0).
func NewParser(maxNames int) *Parser {
	return &Parser{names: newInterner(maxNames)}
}

// Parse reads one log line as received from syslog (any framing StripSyslog
// knows, raw included). For LineHTTP and LineServerState it fills ev, with
// ev.Time set to now (the receive time: HAProxy's own dates carry no time
// zone); for other kinds ev is left zeroed. It never panics on any input.
func (p *Parser) Parse(line []byte, now time.Time, ev *event.Event) LineKind {
	msg, _ := StripSyslog(line)
	return p.ParseMessage(msg, now, ev)
}

// ParseMessage is Parse for a line whose syslog header is already removed.
func (p *Parser) ParseMessage(msg []byte, now time.Time, ev *event.Event) LineKind {
	*ev = event.Event{}
	var t trafficLine
	rest, head := splitTrafficHead(msg, &t)
	switch head {
	case headError:
		return LineOther
	case headRoute:
		return p.parseTrafficTail(rest, &t, now, ev)
	}
	return p.parseNotice(msg, now, ev)
}

// parseTrafficTail tells an HTTP line from a TCP line and converts the first.
func (p *Parser) parseTrafficTail(rest []byte, t *trafficLine, now time.Time, ev *event.Event) LineKind {
	if isTCPTail(rest) {
		return LineTCP
	}
	if splitHTTPTail(rest, t) && p.toEvent(t, now, ev) {
		return LineHTTP
	}
	*ev = event.Event{}
	return LineUnparsable
}

// InternedNames returns how many names the parser currently keeps.
func (p *Parser) InternedNames() int { return p.names.len() }

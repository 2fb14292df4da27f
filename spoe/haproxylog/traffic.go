package haproxylog

import "bytes"

// maxCaptureFields bounds how many fields may sit between the byte count and
// the termination state: normally the two cookie captures, more only when a
// captured cookie contains spaces.
const maxCaptureFields = 8

// trafficLine is one `option httplog` line split into its fields, all
// sub-slices of the message (configuration manual §8.2.3).
type trafficLine struct {
	uniqueID, frontend, backend, server []byte
	timers                              [5][]byte
	status, termState, conns, queues    []byte
}

// headKind tells what the start of a line turned out to be.
type headKind uint8

const (
	headNone  headKind = iota // not a traffic line
	headRoute                 // a traffic line with frontend and backend/server
	headError                 // an error log line: "%ft/bind: message" (§8.2.5)
)

// splitTrafficHead reads the fields every traffic line starts with:
// [%ID] %ci:%cp [%tr] %ft %b/%s, and returns the rest.
func splitTrafficHead(msg []byte, t *trafficLine) ([]byte, headKind) {
	first, rest := cutField(msg)
	second, rest := cutField(rest)
	if !isDate(second) {
		t.uniqueID = first
		var date []byte
		date, rest = cutField(rest)
		if !isDate(date) {
			return nil, headNone
		}
	}
	t.frontend, rest = cutField(rest)
	if bytes.HasSuffix(t.frontend, []byte(":")) {
		return rest, headError
	}
	t.frontend = bytes.TrimSuffix(t.frontend, []byte("~"))
	var route []byte
	route, rest = cutField(rest)
	var ok bool
	t.backend, t.server, ok = bytes.Cut(route, []byte("/"))
	if !ok || len(t.frontend) == 0 || len(t.backend) == 0 || len(t.server) == 0 {
		return nil, headNone
	}
	return rest, headRoute
}

// isDate reports whether f looks like "[06/Feb/2009:12:14:14.655]".
func isDate(f []byte) bool {
	return len(f) >= 22 && f[0] == '[' && f[len(f)-1] == ']' && matchShape(f[1:], "dd/aaa/dddd:")
}

// splitHTTPTail reads %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc
// %ac/%fc/%bc/%sc/%rc %sq/%bq from rest; what follows is ignored.
func splitHTTPTail(rest []byte, t *trafficLine) bool {
	var timers, bytesSent []byte
	timers, rest = cutField(rest)
	if !splitN(timers, '/', t.timers[:]) {
		return false
	}
	t.status, rest = cutField(rest)
	bytesSent, rest = cutField(rest)
	if _, ok := atoiSigned(bytesSent); !ok {
		return false
	}
	var prev []byte
	for range maxCaptureFields {
		var f []byte
		f, rest = cutField(rest)
		if isTermState(prev, 4) && isConnCounts(f) {
			t.termState, t.conns = prev, f
			t.queues, _ = cutField(rest)
			return true
		}
		prev = f
	}
	return false
}

// isConnCounts reports whether f looks like %ac/%fc/%bc/%sc/%rc.
func isConnCounts(f []byte) bool {
	var parts [5][]byte
	return splitN(f, '/', parts[:]) && len(parts[0]) > 0 && isDigit(parts[0][0])
}

// isTCPTail reports whether rest is an `option tcplog` tail:
// %Tw/%Tc/%Tt %B %ts %ac/%fc/%bc/%sc/%rc %sq/%bq (§8.2.2).
func isTCPTail(rest []byte) bool {
	var parts [3][]byte
	timers, rest := cutField(rest)
	if !splitN(timers, '/', parts[:]) {
		return false
	}
	_, rest = cutField(rest) // bytes
	termState, rest := cutField(rest)
	conns, _ := cutField(rest)
	return isTermState(termState, 2) && isConnCounts(conns)
}

// isTermState reports whether f is a termination state of n characters
// (%ts is 2, %tsc 4): letters or dashes (§8.5).
func isTermState(f []byte, n int) bool {
	if len(f) != n {
		return false
	}
	for _, c := range f {
		if c != '-' && ((c|0x20) < 'a' || (c|0x20) > 'z') {
			return false
		}
	}
	return true
}

package haproxylog

import "github.com/hapguard/hapguard/spoe/event"

// Classify names the probable cause of a transaction's outcome from its final
// status, its termination state (%tsc or %ts; only the first two characters
// matter) and the server name HAProxy logged ("<NOSRV>" when none was chosen).
// The mapping follows the configuration manual §8.5 "Session state at
// disconnection":
//
//	PH          invalid response, HAProxy answers 502      CauseInvalidResponse
//	SH          server aborted before the headers (502)    CauseServerAbort
//	sH          server timeout before the headers (504)    CauseServerTimeout
//	SC <NOSRV>  no server available (503)                  CauseNoServer
//	SC          connection refused or reset (503/502)      CauseConnRefused
//	sC          connect timeout (503)                      CauseConnectTimeout
//	sQ          queue timeout (503)                        CauseQueueTimeout
//	SD sD SL sL failure after the headers                  CauseAfterHeaders
//	C* c*       the client went away                       CauseClientAbort
//	P* I* R* D* U* K*  HAProxy's own decision or fault     CauseProxyInternal
//	<NOSRV> with 503 otherwise                             CauseNoServer
//	-- with status >= 500 from a server                    CauseServerStatus
//
// Everything else is CauseNone.
func Classify(status int, termState string, server string) event.Cause {
	var ts [2]byte
	copy(ts[:], termState)
	return classify(status, ts, server == event.NoServer)
}

// classify is Classify on the fixed-size termination state of an Event.
func classify(status int, ts [2]byte, noServer bool) event.Cause {
	if c, ok := classifyServerSide(ts, noServer); ok {
		return c
	}
	switch ts[0] {
	case 'C', 'c':
		return event.CauseClientAbort
	case 'P', 'I', 'R', 'D', 'U', 'K':
		return event.CauseProxyInternal
	case 'L':
		return event.CauseNone
	}
	return classifyStatus(status, noServer)
}

// classifyServerSide handles the termination states that name the server
// side (S, s) and PH, HAProxy refusing the server's response.
func classifyServerSide(ts [2]byte, noServer bool) (event.Cause, bool) {
	switch ts {
	case [2]byte{'P', 'H'}:
		return event.CauseInvalidResponse, true
	case [2]byte{'S', 'H'}:
		return event.CauseServerAbort, true
	case [2]byte{'s', 'H'}:
		return event.CauseServerTimeout, true
	case [2]byte{'S', 'C'}:
		if noServer {
			return event.CauseNoServer, true
		}
		return event.CauseConnRefused, true
	case [2]byte{'s', 'C'}:
		return event.CauseConnectTimeout, true
	case [2]byte{'s', 'Q'}:
		return event.CauseQueueTimeout, true
	case [2]byte{'S', 'D'}, [2]byte{'s', 'D'}, [2]byte{'S', 'L'}, [2]byte{'s', 'L'}:
		return event.CauseAfterHeaders, true
	}
	return event.CauseNone, false
}

// classifyStatus handles a normal termination ("--") or an unknown state by
// the status alone.
func classifyStatus(status int, noServer bool) event.Cause {
	switch {
	case status < 500:
		return event.CauseNone
	case noServer && status == 503:
		return event.CauseNoServer
	case noServer:
		return event.CauseProxyInternal
	}
	return event.CauseServerStatus
}

package event

// Cause is the probable reason for a transaction's outcome, in the terms of
// HAProxy's termination states (configuration manual §8.5).
type Cause uint8

// Causes. The zero value means the transaction was fine.
const (
	CauseNone            Cause = iota
	CauseServerStatus          // the server itself answered 5xx
	CauseInvalidResponse       // PH: HAProxy refused the response -> 502
	CauseServerAbort           // SH: server closed before sending headers -> 502
	CauseServerTimeout         // sH: no response before timeout server -> 504
	CauseConnRefused           // SC: connection refused or reset -> 503/502
	CauseConnectTimeout        // sC: connect timeout -> 503
	CauseQueueTimeout          // sQ: queued longer than timeout queue -> 503
	CauseNoServer              // <NOSRV>: no server available -> 503
	CauseAfterHeaders          // SD/sD: failure during the body
	CauseClientAbort           // C*/c*: the client went away; not a backend fault
	CauseProxyInternal         // P*/I*/R*/D*/K*: HAProxy's own decision or fault
	CauseServerDown            // runtime API: server went DOWN
	CauseNoServerUp            // runtime API: a backend has no server UP
)

// causeInfo names each cause and the operator's next step.
var causeInfo = [...]struct{ name, summary, nextStep string }{
	CauseNone:            {"none", "no fault", ""},
	CauseServerStatus:    {"server_5xx", "the server answered with a 5xx status itself", "check the application's own logs for the failing requests"},
	CauseInvalidResponse: {"invalid_response", "HAProxy rejected the server's response as invalid (PH)", "run 'show errors' on the runtime API to see the offending response"},
	CauseServerAbort:     {"server_abort", "the server closed the connection before sending headers (SH)", "check the application's crash/restart logs; if spread over servers, suspect a keep-alive race and add 'retry-on conn-failure empty-response'"},
	CauseServerTimeout:   {"server_timeout", "the server did not answer within 'timeout server' (sH)", "look for slow requests in the application, or raise this backend's 'timeout server'"},
	CauseConnRefused:     {"connection_refused", "the connection to the server was refused or reset (SC)", "check that the service listens on the configured address and port"},
	CauseConnectTimeout:  {"connect_timeout", "connecting to the server timed out (sC)", "check the host and the network path (firewall, routing)"},
	CauseQueueTimeout:    {"queue_timeout", "requests waited in the queue longer than 'timeout queue' (sQ)", "servers are saturated: add capacity or review maxconn"},
	CauseNoServer:        {"no_server", "no server was available to take the request (<NOSRV>)", "check why every server is DOWN: health checks, hosts, network"},
	CauseAfterHeaders:    {"error_after_headers", "the transfer failed after the response headers (SD/sD)", "check the server for aborted or slow response bodies"},
	CauseClientAbort:     {"client_abort", "the client aborted the transaction", ""},
	CauseProxyInternal:   {"proxy_internal", "HAProxy ended the transaction itself (deny, tarpit, resource or internal error)", "check the HAProxy rules and its own logs"},
	CauseServerDown:      {"server_down", "the server was marked DOWN by its health check", "check the host and the check definition"},
	CauseNoServerUp:      {"no_server_up", "the backend has no server UP", "check every server's health check status"},
}

// String returns the stable snake_case name used in labels and JSON.
func (c Cause) String() string {
	if int(c) < len(causeInfo) {
		return causeInfo[c].name
	}
	return "unknown"
}

// Summary returns a one-line description of the cause.
func (c Cause) Summary() string {
	if int(c) < len(causeInfo) {
		return causeInfo[c].summary
	}
	return "unknown cause"
}

// NextStep returns what an operator should check first.
func (c Cause) NextStep() string {
	if int(c) < len(causeInfo) {
		return causeInfo[c].nextStep
	}
	return ""
}

// IsBackendFault reports whether the cause counts against the backend or
// server (client aborts and HAProxy's own decisions do not).
func (c Cause) IsBackendFault() bool {
	switch c {
	case CauseNone, CauseClientAbort, CauseProxyInternal:
		return false
	}
	return true
}

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

// causeInfo is the one table of cause wording: the stable name (labels,
// JSON), the termination-state code HAProxy logs, a short summary (the
// Alertmanager summary), what the server(s) did (the detector's messages:
// "server s1 in be_app <did> (<code>, ...)") and the operator's next step.
var causeInfo = [...]struct{ name, code, summary, did, nextStep string }{
	CauseNone:            {"none", "--", "no fault", "", ""},
	CauseServerStatus:    {"server_5xx", "5xx", "the server answered with a 5xx status itself", "answered with 5xx statuses", "check the application's own logs for the failing requests"},
	CauseInvalidResponse: {"invalid_response", "PH", "HAProxy rejected the server's response as invalid (PH)", "sent responses HAProxy rejected as invalid", "run 'show errors' on the runtime API (headers over tune.bufsize, duplicate Transfer-Encoding, bad characters)"},
	CauseServerAbort:     {"server_abort", "SH", "the server closed the connection before sending headers (SH)", "closed connections before sending headers", "check the application's crash/restart logs"},
	CauseServerTimeout:   {"server_timeout", "sH", "the server did not answer within 'timeout server' (sH)", "did not answer within 'timeout server'", "the application is slow or the timeout too low: look for slow requests, or raise this backend's 'timeout server'"},
	CauseConnRefused:     {"connection_refused", "SC", "the connection to the server was refused or reset (SC)", "refused or reset connections", "check that the service listens on the configured address and port"},
	CauseConnectTimeout:  {"connect_timeout", "sC", "connecting to the server timed out (sC)", "did not accept connections in time", "check the host and the network path (firewall, routing)"},
	CauseQueueTimeout:    {"queue_timeout", "sQ", "requests waited in the queue longer than 'timeout queue' (sQ)", "left requests queued past 'timeout queue'", "the servers are saturated: add capacity or review maxconn"},
	CauseNoServer:        {"no_server", "<NOSRV>", "no server was available to take the request (<NOSRV>)", "had no server available", "check why every server is DOWN: health checks, hosts, network"},
	CauseAfterHeaders:    {"error_after_headers", "SD", "the transfer failed after the response headers (SD/sD)", "failed after sending the response headers", "check the server for aborted or slow response bodies"},
	CauseClientAbort:     {"client_abort", "CD", "the client aborted the transaction", "saw clients abort", ""},
	CauseProxyInternal:   {"proxy_internal", "PR", "HAProxy ended the transaction itself (deny, tarpit, resource or internal error)", "had transactions ended by HAProxy itself", "check the HAProxy rules and its own logs"},
	CauseServerDown:      {"server_down", "DOWN", "the server was marked DOWN by its health check", "was marked DOWN by its health check", "check the host and the check definition"},
	CauseNoServerUp:      {"no_server_up", "<NOSRV>", "the backend has no server UP", "had no server UP", "check every server's health check status"},
}

// info returns the table row of c; an unknown cause gets its number.
func (c Cause) info() struct{ name, code, summary, did, nextStep string } {
	if int(c) < len(causeInfo) {
		return causeInfo[c]
	}
	return struct{ name, code, summary, did, nextStep string }{"unknown", "?", "unknown cause", "failed", ""}
}

// String returns the stable snake_case name used in labels and JSON.
func (c Cause) String() string { return c.info().name }

// Code returns the termination state HAProxy logs for the cause ("PH",
// "SH", "<NOSRV>", ...), as messages quote it.
func (c Cause) Code() string { return c.info().code }

// Summary returns a one-line description of the cause.
func (c Cause) Summary() string { return c.info().summary }

// Did returns what the server(s) did, as a verb phrase for messages.
func (c Cause) Did() string { return c.info().did }

// NextStep returns what an operator should check first.
func (c Cause) NextStep() string { return c.info().nextStep }

// IsBackendFault reports whether the cause counts against the backend or
// server (client aborts and HAProxy's own decisions do not).
func (c Cause) IsBackendFault() bool {
	switch c {
	case CauseNone, CauseClientAbort, CauseProxyInternal:
		return false
	}
	return true
}

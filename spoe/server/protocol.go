package server

// The SPOE message the wiring declares and the handler reads. spoe/wiring
// prints these names, so the two cannot drift apart.
const (
	// MessageName is the spoe-message sent on every on-http-response event.
	MessageName = "hapguard-response"
	// RequestMessageName is the spoe-message sent on on-backend-http-request:
	// its ACK sets the backend's verdict before HAProxy picks a server, so
	// the verdict variable exists even when HAProxy answers the request
	// itself (502, 503, 504) and no response event fires. It carries only
	// ArgBackend and produces no event; the verdict is the backend's
	// (detect.Detector.Verdict with no server).
	RequestMessageName = "hapguard-request"

	// Arguments of MessageName. Timers are HAProxy's, in milliseconds, and
	// only exist from HAProxy 2.9 on; t0 and t1 are date(0,us) taken at
	// request and at response time, for the versions without timers.
	ArgFrontend = "frontend"    // fe_name
	ArgBackend  = "backend"     // be_name
	ArgServer   = "server"      // srv_name
	ArgStatus   = "status"      // status
	ArgUniqueID = "unique_id"   // unique-id
	ArgT0       = "t0"          // var(txn.hapguard_t0), set by http-request
	ArgT1       = "t1"          // date(0,us) at response time
	ArgQueue    = "queue_ms"    // req.timer.queue (2.9+)
	ArgConnect  = "connect_ms"  // bc.timer.connect (2.9+)
	ArgResponse = "response_ms" // res.timer.hdr (2.9+)

	// VarPrefix is the spoe-agent's `option var-prefix`.
	VarPrefix = "hapguard"
	// VerdictVar is the transaction variable every ACK sets: with the prefix,
	// HAProxy sees it as txn.hapguard.verdict.
	VerdictVar = "verdict"
	// RequestStartVar is the transaction variable the wiring sets with
	// date(0,us) at request time and sends back as ArgT0.
	RequestStartVar = "txn.hapguard_t0"
)

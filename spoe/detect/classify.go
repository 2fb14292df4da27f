package detect

import (
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// classify turns a response event into its contribution. The cause is the
// event's own, or, when the input did not name one (SPOE), derived from the
// status: a 5xx from a server is CauseServerStatus, one with "<NOSRV>" is
// CauseNoServer. Latency is the server response time (%Tr), or the total
// time of a transaction that went fine when %Tr is unknown; failed
// transactions add no latency sample (their time is the failure's).
func (d *Detector) classify(e *event.Event) sample {
	cause := e.Cause
	if cause == event.CauseNone && e.Status >= 500 && e.Status <= 599 {
		cause = event.CauseServerStatus
		if e.Server == event.NoServer {
			cause = event.CauseNoServer
		}
	}
	x := sample{
		cause: cause,
		err:   cause.IsBackendFault(),
		good:  cause == event.CauseNone && e.Status > 0 && e.Status < 500,
		bin:   -1,
	}
	switch {
	case e.Timings.Response >= 0:
		x.bin = latencyBin(e.Timings.Response)
	case cause == event.CauseNone && e.Timings.Total >= 0:
		x.bin = latencyBin(e.Timings.Total)
	}
	if cause == event.CauseServerAbort && e.Timings.Connect >= 0 && e.Timings.Connect < d.cfg.LowConnectTime {
		x.lowConnect = true
	}
	if cause == event.CauseServerTimeout && e.Timings.Total > 0 {
		x.timeoutMs = uint32(min(e.Timings.Total/time.Millisecond, 1<<31))
	}
	return x
}

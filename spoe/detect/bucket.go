package detect

import "github.com/hapguard/hapguard/spoe/event"

// numCauses bounds the per-cause counters; causes beyond it count as errors
// without a cause of their own.
const numCauses = 16

// bucket holds one second of one key: its counts and its latencies.
type bucket struct {
	counts
	lat secondHist
}

// counts are the counters of one second, or the sum of a window of them.
type counts struct {
	sec          int64
	total        uint32 // transactions
	errors       uint32 // backend-fault outcomes (the cause counts against the backend)
	serverErrors uint32 // of which the server sent the 5xx itself
	causes       [numCauses]uint32
	lowConnectSH uint32 // SH aborts with a connect time under Config.LowConnectTime
	timeoutMs    uint64 // sum of the total time of sH (server timeout) errors
	timeouts     uint32 // number of sH errors with a known total time
	latN         uint32 // latency samples
}

// sample is what one transaction adds to a bucket.
type sample struct {
	cause      event.Cause // effective cause; CauseNone when fine
	err        bool        // counts against the backend
	good       bool        // a real success: resets the consecutive-error run
	bin        int16       // latency bin, -1 when the latency is unknown
	lowConnect bool
	timeoutMs  uint32 // total time of a server timeout, 0 if unknown
}

// add puts s into b (sign +1) or takes it out (sign -1).
func (b *bucket) add(s sample, sign int32) {
	u := uint32(sign)
	b.total += u
	if s.err {
		b.errors += u
		if s.cause == event.CauseServerStatus {
			b.serverErrors += u
		}
		if int(s.cause) < numCauses {
			b.causes[s.cause] += u
		}
		if s.lowConnect {
			b.lowConnectSH += u
		}
		if s.timeoutMs > 0 {
			b.timeoutMs += uint64(int64(sign) * int64(s.timeoutMs))
			b.timeouts += u
		}
	}
	if s.bin >= 0 {
		b.latN += u
		b.lat.add(s.bin, sign)
	}
}

// merge adds every counter of o into b (latencies: see series.window).
func (b *counts) merge(o *counts) {
	b.total += o.total
	b.errors += o.errors
	b.serverErrors += o.serverErrors
	for i, n := range o.causes {
		b.causes[i] += n
	}
	b.lowConnectSH += o.lowConnectSH
	b.timeoutMs += o.timeoutMs
	b.timeouts += o.timeouts
	b.latN += o.latN
}

// dominantCause returns the error cause with the most events (the lowest
// cause number on a tie) and its count.
func (b *counts) dominantCause() (event.Cause, int) {
	best, count := event.CauseNone, uint32(0)
	for c, n := range b.causes {
		if n > count {
			best, count = event.Cause(c), n
		}
	}
	return best, int(count)
}

// samples returns the number of latency samples in b.
func (b *counts) samples() int { return int(b.latN) }

package detect

import (
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// numCauses bounds the per-cause counters; causes beyond it count as errors
// without a cause of their own.
const numCauses = 16

// numBins is the size of the latency histogram.
const numBins = 24

// binUpper holds the upper bound of every latency bin but the last, which
// is open. The bounds grow about 1.6x per bin, from 1ms to 30s, so any
// quantile is known within roughly ±25%.
var binUpper = [numBins - 1]time.Duration{
	1 * ms, 2 * ms, 3 * ms, 5 * ms, 8 * ms, 13 * ms, 20 * ms, 30 * ms, 50 * ms, 80 * ms,
	130 * ms, 200 * ms, 300 * ms, 500 * ms, 800 * ms, 1300 * ms, 2000 * ms, 3000 * ms,
	5000 * ms, 8000 * ms, 13000 * ms, 20000 * ms, 30000 * ms,
}

const ms = time.Millisecond

// bucket holds one second of one key, or the sum of a window of them.
type bucket struct {
	sec          int64
	total        uint32 // transactions
	errors       uint32 // backend-fault outcomes (the cause counts against the backend)
	serverErrors uint32 // of which the server sent the 5xx itself
	causes       [numCauses]uint32
	lowConnectSH uint32 // SH aborts with a connect time under Config.LowConnectTime
	timeoutMs    uint64 // sum of the total time of sH (server timeout) errors
	timeouts     uint32 // number of sH errors with a known total time
	hist         [numBins]uint32
}

// sample is what one transaction adds to a bucket.
type sample struct {
	cause      event.Cause // effective cause; CauseNone when fine
	err        bool        // counts against the backend
	good       bool        // a real success: resets the consecutive-error run
	bin        int8        // latency bin, -1 when the latency is unknown
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
		b.hist[s.bin] += u
	}
}

// merge adds every counter of o into b.
func (b *bucket) merge(o *bucket) {
	b.total += o.total
	b.errors += o.errors
	b.serverErrors += o.serverErrors
	for i, n := range o.causes {
		b.causes[i] += n
	}
	b.lowConnectSH += o.lowConnectSH
	b.timeoutMs += o.timeoutMs
	b.timeouts += o.timeouts
	for i, n := range o.hist {
		b.hist[i] += n
	}
}

// dominantCause returns the error cause with the most events (the lowest
// cause number on a tie) and its count.
func (b *bucket) dominantCause() (event.Cause, int) {
	best, count := event.CauseNone, uint32(0)
	for c, n := range b.causes {
		if n > count {
			best, count = event.Cause(c), n
		}
	}
	return best, int(count)
}

// latencyBin returns the histogram bin of d.
func latencyBin(d time.Duration) int8 {
	for i, upper := range binUpper {
		if d <= upper {
			return int8(i)
		}
	}
	return numBins - 1
}

// samples returns the number of latency samples in b.
func (b *bucket) samples() int {
	n := 0
	for _, c := range b.hist {
		n += int(c)
	}
	return n
}

// quantile estimates the q-quantile of the latency histogram, interpolating
// linearly inside the bin that holds it. It returns 0 without samples.
func (b *bucket) quantile(q float64) time.Duration {
	n := b.samples()
	if n == 0 {
		return 0
	}
	rank := q * float64(n)
	seen := 0.0
	for i, c := range b.hist {
		if c == 0 || seen+float64(c) < rank {
			seen += float64(c)
			continue
		}
		lower, upper := binBounds(i)
		frac := (rank - seen) / float64(c)
		return lower + time.Duration(frac*float64(upper-lower))
	}
	_, upper := binBounds(numBins - 1)
	return upper
}

// binBounds returns the range of bin i; the open last bin is given an upper
// bound 1.5x its lower one.
func binBounds(i int) (lower, upper time.Duration) {
	if i > 0 {
		lower = binUpper[i-1]
	}
	if i < len(binUpper) {
		return lower, binUpper[i]
	}
	return lower, lower * 3 / 2
}

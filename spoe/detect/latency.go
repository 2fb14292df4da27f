package detect

import (
	"math"
	"math/bits"
	"time"
)

// The latency histogram is log-linear, in the manner of HdrHistogram: 16
// linear bins of latUnit up to 16 units, then every power of two split into
// 16 equal bins, up to 2^19 units (33.5 s; anything longer lands in the last
// bin). A bin spans 1/16 of its lower bound, and a quantile is reported as
// the middle of the bin holding it, so the reported value is within 1/32
// (3.1%) of the true sample at that rank, or within half a unit (32 µs)
// below a millisecond. HAProxy's own timers (%Tr) have a resolution of one
// millisecond.
const (
	latUnit    = 64 * time.Microsecond
	subBins    = 16
	latOctaves = 15
	numBins    = subBins + latOctaves*subBins
)

// latencyBin returns the histogram bin of d.
func latencyBin(d time.Duration) int16 {
	v := uint64(max(d, 0) / latUnit)
	if v < subBins {
		return int16(v)
	}
	e := bits.Len64(v) - 5 // v is in [16<<e, 32<<e)
	i := subBins + e*subBins + int(v>>e) - subBins
	return int16(min(i, numBins-1))
}

// binMiddle returns the middle of bin i.
func binMiddle(i int) time.Duration {
	if i < subBins {
		return time.Duration(i)*latUnit + latUnit/2
	}
	e := (i - subBins) / subBins
	lower := uint64(subBins+(i-subBins)%subBins) << e
	return time.Duration(lower)*latUnit + (time.Duration(1)<<e)*latUnit/2
}

// secondHist is one second of one key's latencies. Counts saturate at
// 65535 per bin and second; lo and hi bound the bins in use, so that
// merging a sparse second costs little.
type secondHist struct {
	c      [numBins]uint16
	lo, hi int16 // bins in use, when used
	used   bool
}

// add counts one sample in bin (sign +1), or takes it out (sign -1).
func (h *secondHist) add(bin int16, sign int32) {
	if !h.used {
		h.lo, h.hi, h.used = bin, bin, true
	}
	h.lo, h.hi = min(h.lo, bin), max(h.hi, bin)
	switch {
	case sign > 0 && h.c[bin] < math.MaxUint16:
		h.c[bin]++
	case sign < 0 && h.c[bin] > 0:
		h.c[bin]--
	}
}

// windowHist is the sum of the seconds of a window.
type windowHist struct {
	c      [numBins]uint32
	lo, hi int16
	n      int
}

// reset empties w, touching only the bins in use.
func (w *windowHist) reset() {
	if w.n > 0 {
		clear(w.c[w.lo : w.hi+1])
	}
	w.lo, w.hi, w.n = numBins, -1, 0
}

// merge adds one second into w.
func (w *windowHist) merge(h *secondHist) {
	if !h.used {
		return
	}
	for i := h.lo; i <= h.hi; i++ {
		w.c[i] += uint32(h.c[i])
		w.n += int(h.c[i])
	}
	w.lo, w.hi = min(w.lo, h.lo), max(w.hi, h.hi)
}

// quantile returns the q-quantile: the middle of the bin holding the
// sample of rank ceil(q*n). It returns 0 without samples.
func (w *windowHist) quantile(q float64) time.Duration {
	if w.n == 0 {
		return 0
	}
	rank := max(int(math.Ceil(q*float64(w.n))), 1)
	seen := 0
	for i := w.lo; i <= w.hi; i++ {
		seen += int(w.c[i])
		if seen >= rank {
			return binMiddle(int(i))
		}
	}
	return binMiddle(int(w.hi))
}

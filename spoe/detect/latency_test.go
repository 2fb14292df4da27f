package detect

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestQuantileError: against the exact rank statistic, every reported
// quantile is within 1/32 of the true value (half a unit below 1 ms), for
// latencies spread over five orders of magnitude and for a narrow
// 300-374 ms slow server.
func TestQuantileError(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	spreads := map[string]func() time.Duration{
		"log-uniform 0.1ms-20s": func() time.Duration {
			return time.Duration(math.Exp(rng.Float64()*math.Log(2e5)) * float64(100*time.Microsecond))
		},
		"slow server 300-374ms": func() time.Duration { return 300*time.Millisecond + time.Duration(rng.IntN(75))*time.Millisecond },
	}
	for name, draw := range spreads {
		var h secondHist
		var w windowHist
		w.reset()
		var exact []time.Duration
		for range 5000 {
			d := draw()
			exact = append(exact, d)
			h.add(latencyBin(d), 1)
		}
		w.merge(&h)
		slices.Sort(exact)
		for _, q := range []float64{0.5, 0.9, 0.95, 0.99, 0.999} {
			want := exact[int(math.Ceil(q*float64(len(exact))))-1]
			got := w.quantile(q)
			tolerance := max(float64(want)/32, float64(latUnit)/2)
			if math.Abs(float64(got-want)) > tolerance {
				t.Errorf("%s: q%v = %v, exact %v: off by more than %v", name, q, got, want, time.Duration(tolerance))
			}
		}
	}
	if got := latencyBin(time.Hour); got != numBins-1 {
		t.Errorf("an hour lands in bin %d, want the last", got)
	}
	var empty windowHist
	if got := empty.quantile(0.95); got != 0 {
		t.Errorf("empty histogram quantile = %v", got)
	}
}

// TestQuantileRemove: a sample taken out (an SPOE contribution replaced by
// the log's) leaves the histogram as if it never came.
func TestQuantileRemove(t *testing.T) {
	var h secondHist
	for range 10 {
		h.add(latencyBin(10*time.Millisecond), 1)
	}
	h.add(latencyBin(5*time.Second), 1)
	h.add(latencyBin(5*time.Second), -1)
	var w windowHist
	w.reset()
	w.merge(&h)
	if got := w.quantile(1); got < 9*time.Millisecond || got > 11*time.Millisecond || w.n != 10 {
		t.Errorf("after removal: max %v over %d samples, want about 10ms over 10", got, w.n)
	}
}

package cli

import "testing"

func TestGCPercentAboveKeepsAQuarterOrTheMinimumHeadroom(t *testing.T) {
	for _, tc := range []struct {
		heap uint64
		want int
	}{
		{0, 100},
		{1 << 20, 1000}, // a small configuration: capped
		{96 << 20, 50},  // 48 MiB over 96 MiB
		{192 << 20, 25}, // a quarter
		{1 << 30, 25},   // never below a quarter
		{4 << 20, 1000}, // 1200% capped at 1000
		{120 << 20, 40}, // 48/120
	} {
		if got := gcPercentAbove(tc.heap); got != tc.want {
			t.Errorf("gcPercentAbove(%d MiB) = %d, want %d", tc.heap>>20, got, tc.want)
		}
	}
}

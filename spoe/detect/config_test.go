package detect

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestValidate(t *testing.T) {
	if err := DefaultConfig().Validate(); err != nil {
		t.Errorf("default config: %v", err)
	}
	bad := DefaultConfig()
	bad.MaxKeys, bad.Window, bad.MinErrorRatio, bad.LatencyQuantile, bad.ResolveAfter = -1, 61*time.Second, 1.5, 1, 0
	err := bad.Validate()
	if err == nil {
		t.Fatal("bad config accepted")
	}
	for _, want := range []string{
		"max_keys: -1 is out of range (allowed: 2 to 100000)",
		"window: 1m1s is out of range (allowed: 1s to 1m0s)",
		"error_ratio: 1.5 is out of range (allowed: above 0, at most 1)",
		"latency_quantile: 1 is out of range",
		"resolve_after: 0s is out of range (allowed: 1ms to 24h0m0s)",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if err := (Config{}).Validate(); err == nil {
		t.Error("zero config accepted: New would silently replace every zero by a default")
	}
}

func TestWithDefaults(t *testing.T) {
	if diff := cmp.Diff(DefaultConfig(), Config{}.withDefaults()); diff != "" {
		t.Errorf("zero config (-want +got):\n%s", diff)
	}
	got := Config{MaxKeys: 1, RingSeconds: 4, Window: 2 * time.Minute, ResolveAfter: -1}.withDefaults()
	want := DefaultConfig()
	want.MaxKeys, want.RingSeconds, want.Window = 2, 65, time.Minute
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("clamped config (-want +got):\n%s", diff)
	}
}

func TestRecentIsBoundedNewestFirst(t *testing.T) {
	d := New(Config{History: 3}, nil)
	for i := range 5 {
		d.archive(Anomaly{ID: string(rune('a' + i))})
	}
	var got []string
	for _, a := range d.Recent(10) {
		got = append(got, a.ID)
	}
	if diff := cmp.Diff([]string{"e", "d", "c"}, got); diff != "" {
		t.Errorf("Recent (-want +got):\n%s", diff)
	}
	if n := len(d.Recent(-1)); n != 0 {
		t.Errorf("Recent(-1) returned %d", n)
	}
}

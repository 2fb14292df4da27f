package alertmanager

import (
	"net/http"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestRetriesWithExponentialBackoff(t *testing.T) {
	am, srv := newFakeAM(t, http.StatusServiceUnavailable, http.StatusTooManyRequests)
	base := 40 * time.Millisecond
	c, _ := startClient(t, Config{URL: srv.URL, ResendInterval: time.Minute, Backoff: base, MaxRetries: 3})
	c.Fire("k1", sample)
	first, second, third := am.next(t), am.next(t), am.next(t)
	// Jitter draws from the upper half of base<<attempt.
	if gap := second.at.Sub(first.at); gap < base/2 {
		t.Errorf("first retry after %v, want at least %v", gap, base/2)
	}
	if gap := third.at.Sub(second.at); gap < base {
		t.Errorf("second retry after %v, want at least %v", gap, base)
	}
	if got := testutil.ToFloat64(c.metrics.sendFailures); got != 2 {
		t.Errorf("send failures = %v, want 2", got)
	}
	waitMetric(t, "firing alerts sent", func() bool { return testutil.ToFloat64(c.metrics.sent.WithLabelValues("firing")) == 1 })
}

func TestGivesUpAfterMaxRetriesAndOnClientErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		statuses []int
		attempts int
	}{
		"server errors": {[]int{500, 502, 503, 504}, 3},
		"bad request":   {[]int{400, 400, 400}, 1},
	} {
		t.Run(name, func(t *testing.T) {
			am, srv := newFakeAM(t, tc.statuses...)
			c, _ := startClient(t, Config{URL: srv.URL, ResendInterval: time.Minute, Backoff: time.Millisecond, MaxRetries: 2})
			c.Fire("k1", sample)
			for range tc.attempts {
				am.next(t)
			}
			waitMetric(t, "send failures", func() bool { return testutil.ToFloat64(c.metrics.sendFailures) == float64(tc.attempts) })
			select {
			case r := <-am.posts:
				t.Fatalf("unexpected extra POST %+v", r.alerts)
			case <-time.After(100 * time.Millisecond):
			}
		})
	}
}

func TestResolveGivenUpIsCounted(t *testing.T) {
	am, srv := newFakeAM(t, 200, 500, 500)
	c, _ := startClient(t, Config{URL: srv.URL, ResendInterval: time.Minute, Backoff: time.Millisecond, MaxRetries: 1})
	c.Fire("k1", sample)
	am.next(t)
	c.Resolve("k1", time.Time{})
	am.next(t)
	am.next(t)
	waitMetric(t, "a dropped resolve", func() bool {
		return testutil.ToFloat64(c.metrics.dropped.WithLabelValues(dropSendFailed)) == 1
	})
}

func TestFireNeverBlocks(t *testing.T) {
	c, err := New(Config{URL: "http://127.0.0.1:9093", QueueSize: 2}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var accepted int
	for range 5 { // Run is not running: nothing drains the queue
		if c.Fire("k", sample) {
			accepted++
		}
	}
	if accepted != 2 {
		t.Errorf("accepted %d Fire calls, want 2", accepted)
	}
	if c.Resolve("k", time.Time{}) {
		t.Error("Resolve on a full queue reported success")
	}
	if got := testutil.ToFloat64(c.metrics.dropped.WithLabelValues(dropQueueFull)); got != 4 {
		t.Errorf("dropped (queue full) = %v, want 4", got)
	}
}

func TestBackoffBounds(t *testing.T) {
	base := 100 * time.Millisecond
	for attempt := range 40 {
		hi := MaxBackoff
		if attempt < 16 {
			hi = min(base<<attempt, MaxBackoff)
		}
		for range 20 {
			if d := backoff(base, attempt); d < hi/2 || d > hi {
				t.Fatalf("backoff(%v, %d) = %v, want within [%v, %v]", base, attempt, d, hi/2, hi)
			}
		}
	}
}

// waitMetric polls cond every 5ms for at most 5 seconds.
func waitMetric(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

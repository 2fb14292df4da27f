package alertmanager

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// received is one POST as the fake Alertmanager saw it.
type received struct {
	at     time.Time
	path   string
	ctype  string
	alerts []payload
	raw    []map[string]any
}

// fakeAM records POSTs and answers them with the next status of a script
// (200 once the script is used up).
type fakeAM struct {
	mu       sync.Mutex
	statuses []int
	posts    chan received
}

func newFakeAM(t *testing.T, statuses ...int) (*fakeAM, *httptest.Server) {
	f := &fakeAM{statuses: statuses, posts: make(chan received, 100)}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeAM) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rec := received{at: time.Now(), path: r.Method + " " + r.URL.Path, ctype: r.Header.Get("Content-Type")}
	_ = json.Unmarshal(body, &rec.alerts)
	_ = json.Unmarshal(body, &rec.raw)
	f.mu.Lock()
	status := http.StatusOK
	if len(f.statuses) > 0 {
		status, f.statuses = f.statuses[0], f.statuses[1:]
	}
	f.mu.Unlock()
	select {
	case f.posts <- rec:
	default:
	}
	w.WriteHeader(status)
}

// next returns the next POST, failing after 5 seconds without one.
func (f *fakeAM) next(t *testing.T) received {
	t.Helper()
	select {
	case r := <-f.posts:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("no POST within 5s")
		return received{}
	}
}

// startClient runs a client until the test ends.
func startClient(t *testing.T, cfg Config) (*Client, *prometheus.Registry) {
	t.Helper()
	reg := prometheus.NewRegistry()
	c, err := New(cfg, reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- c.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not return within 5s of cancellation")
		}
	})
	return c, reg
}

var sample = Alert{
	Backend: "be_api", Server: "s2", Kind: "consecutive_5xx", Cause: "server_abort", Severity: "critical",
	Summary: "s2 closes connections before headers", Description: "12 of 40 responses were 502 SH",
	NextStep: "check the application's crash/restart logs", Config: `haproxy.cfg:12 "backend be_api": no retry-on [HG511]`, Labels: map[string]string{"instance": "lb1", "bad-name": "x"},
}

func TestFireSendsAlertmanagerJSON(t *testing.T) {
	am, srv := newFakeAM(t)
	start := time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)
	a := sample
	a.StartsAt = start
	c, _ := startClient(t, Config{URL: srv.URL + "/am/", ResendInterval: time.Minute, GeneratorURL: "http://127.0.0.1:9101/api/v1/anomalies"})
	before := time.Now()
	c.Fire("k1", a)
	got := am.next(t)
	if got.path != "POST /am/api/v2/alerts" || got.ctype != "application/json" {
		t.Errorf("request %q with Content-Type %q, want POST /am/api/v2/alerts, application/json", got.path, got.ctype)
	}
	want := []map[string]any{{
		"labels": map[string]any{"alertname": "HapguardAnomaly", "backend": "be_api", "server": "s2",
			"kind": "consecutive_5xx", "cause": "server_abort", "severity": "critical", "instance": "lb1"},
		"annotations": map[string]any{"summary": sample.Summary, "description": sample.Description, "next_step": sample.NextStep,
			"config": sample.Config},
		"startsAt":     "2026-05-06T07:08:09Z",
		"generatorURL": "http://127.0.0.1:9101/api/v1/anomalies",
	}}
	ends := got.alerts[0].EndsAt
	delete(got.raw[0], "endsAt")
	if diff := cmp.Diff(want, got.raw); diff != "" {
		t.Errorf("JSON body (-want +got):\n%s", diff)
	}
	if lo := before.Add(4 * time.Minute); ends.Before(lo) || ends.After(time.Now().Add(4*time.Minute)) {
		t.Errorf("firing endsAt = %v, want four resend intervals ahead (about %v)", ends, lo)
	}
}

func TestResendsWhileFiringAndResolvesOnce(t *testing.T) {
	am, srv := newFakeAM(t)
	c, reg := startClient(t, Config{URL: srv.URL, ResendInterval: 40 * time.Millisecond})
	c.Fire("k1", sample)
	for range 3 { // the first send, then re-sends
		if r := am.next(t); len(r.alerts) != 1 || !r.alerts[0].EndsAt.After(r.at) {
			t.Fatalf("firing POST = %+v, want one alert ending in the future", r.alerts)
		}
	}
	endsAt := time.Now()
	c.Resolve("k1", endsAt)
	r := am.next(t)
	for !r.alerts[0].EndsAt.Equal(endsAt) { // re-sends may still be in flight
		r = am.next(t)
	}
	select {
	case extra := <-am.posts:
		t.Fatalf("POST after the resolve: %+v", extra.alerts)
	case <-time.After(200 * time.Millisecond): // five resend intervals
	}
	if got := testutil.ToFloat64(c.metrics.sent.WithLabelValues("resolved")); got != 1 {
		t.Errorf("resolved alerts sent = %v, want 1", got)
	}
	if n, err := testutil.GatherAndCount(reg, "hapguard_agent_alertmanager_active_alerts"); err != nil || n != 1 {
		t.Errorf("active alerts gauge: %d series, %v", n, err)
	}
	if got := testutil.ToFloat64(c.metrics.active); got != 0 {
		t.Errorf("active alerts = %v, want 0", got)
	}
}

package agent

import (
	"context"
	"github.com/hapguard/hapguard/internal/testnet"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/hapguard/hapguard/spoe/event"
)

// scriptedDetector returns one prepared batch of transitions per Tick.
type scriptedDetector struct {
	observed []event.Event
	batches  [][]Report
}

func (d *scriptedDetector) Observe(e event.Event) { d.observed = append(d.observed, e) }

func (d *scriptedDetector) Tick(time.Time) []Report {
	if len(d.batches) == 0 {
		return nil
	}
	b := d.batches[0]
	d.batches = d.batches[1:]
	return b
}

func (d *scriptedDetector) Anomalies() (active, recent []Report) { return nil, nil }

type recordingNotifier struct{ got []Report }

func (n *recordingNotifier) Notify(r Report) { n.got = append(n.got, r) }

func TestPipelinePublishesEveryTransition(t *testing.T) {
	fired := Report{State: StateFiring, Kind: "consecutive_5xx", Backend: "be_app", Server: "s2", Cause: "server_abort",
		Observed: 7, Threshold: 5, Unit: "errors", Samples: 40, Message: "s2 closed before headers", FiredAt: time.Unix(100, 0)}
	resolved := fired
	resolved.State, resolved.ResolvedAt = StateResolved, time.Unix(110, 0)
	det := &scriptedDetector{batches: [][]Report{{fired}, {resolved}}}
	var logs testnet.SyncBuffer
	notifier := &recordingNotifier{}
	reg := prometheus.NewRegistry()
	p, err := newPipeline(DefaultConfig(), event.NewQueue(8), det, reg, newTestLogger(&logs))
	if err != nil {
		t.Fatal(err)
	}
	p.notifier = notifier
	p.queue.Offer(event.Event{Kind: event.KindResponse, Source: event.SourceSPOE, Backend: "be_app", Server: "s2", Status: 503})

	p.drain()
	p.advance(time.Unix(101, 0))
	if v := testutil.ToFloat64(p.active.WithLabelValues("be_app", "s2", "consecutive_5xx", "server_abort")); v != 1 {
		t.Errorf("hapguard_agent_anomaly while firing = %v, want 1", v)
	}
	p.advance(time.Unix(111, 0))
	if n := testutil.CollectAndCount(p.active); n != 0 {
		t.Errorf("hapguard_agent_anomaly has %d series after resolution, want none", n)
	}

	if diff := cmp.Diff([]Report{fired, resolved}, notifier.got); diff != "" {
		t.Errorf("notified (-want +got):\n%s", diff)
	}
	if got := testutil.ToFloat64(p.metrics.responses.WithLabelValues("be_app", "s2", "5xx", "spoe")); got != 1 || len(det.observed) != 1 {
		t.Errorf("responses counter = %v, observed %d events; want 1 and 1", got, len(det.observed))
	}
	lines := anomalyLines(logs.String())
	wantLine := map[string]any{
		"level": "WARN", "msg": "anomaly firing", "kind": "consecutive_5xx", "backend": "be_app", "server": "s2",
		"cause": "server_abort", "observed": 7.0, "baseline": 0.0, "threshold": 5.0, "unit": "errors",
		"samples": 40.0, "message": "s2 closed before headers", "next_step": "",
	}
	if len(lines) != 2 || lines[1]["msg"] != "anomaly resolved" {
		t.Fatalf("log lines = %v", lines)
	}
	if diff := cmp.Diff(wantLine, lines[0], cmpopts.IgnoreMapEntries(func(k string, _ any) bool { return k == "time" })); diff != "" {
		t.Errorf("firing line (-want +got):\n%s", diff)
	}
}

func TestPipelineRunDrainsOnCancel(t *testing.T) {
	det := &scriptedDetector{}
	p, err := newPipeline(DefaultConfig(), event.NewQueue(8), det, prometheus.NewRegistry(), newTestLogger(&testnet.SyncBuffer{}))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		p.queue.Offer(event.Event{Backend: "b"})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.run(ctx); err != nil || len(det.observed) != 3 {
		t.Fatalf("run = %v after observing %d events, want nil after 3", err, len(det.observed))
	}
}

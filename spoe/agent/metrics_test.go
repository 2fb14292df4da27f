package agent

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/event"
)

// seriesOf returns "name{backend/server/source}" for every series of the
// response metrics on reg, and their number.
func seriesOf(t *testing.T, reg *prometheus.Registry) (pairs map[string]bool, n int) {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	pairs = map[string]bool{}
	for _, mf := range mfs {
		for _, m := range mf.GetMetric() {
			labels := map[string]string{}
			for _, l := range m.GetLabel() {
				labels[l.GetName()] = l.GetValue()
			}
			if labels["backend"] == "" {
				continue
			}
			n++
			pairs[labels["backend"]+"/"+labels["server"]] = true
		}
	}
	return pairs, n
}

func response(backend, server string, src event.Source) event.Event {
	return event.Event{Kind: event.KindResponse, Source: src, Backend: backend, Server: server, Status: 200,
		Timings: event.Timings{Request: 0, Queue: 0, Connect: 0, Response: 3e6, Total: 4e6}}
}

// TestResponseMetricsBounded: renamed servers (a reload) and a backend that
// is gone have their series deleted, and however many pairs come and go,
// at most max_metric_series pairs have series.
func TestResponseMetricsBounded(t *testing.T) {
	reg := prometheus.NewRegistry()
	m, err := newResponseMetrics(reg, 50)
	if err != nil {
		t.Fatal(err)
	}
	m.observe(response("be", "s1", event.SourceLog))
	m.observe(response("be", "s1", event.SourceSPOE))
	m.observe(response("be_old", "x", event.SourceLog))
	m.observe(event.Event{Kind: event.KindServerState, Backend: "be", Server: "s1", State: event.StateRemoved})
	m.observe(event.Event{Kind: event.KindServerState, Backend: "be_old", State: event.StateRemoved})
	if pairs, n := seriesOf(t, reg); n != 0 {
		t.Errorf("after removal: %d series of %v, want none", n, pairs)
	}
	// Each source has its own latency series: a transaction both inputs
	// saw is not counted twice in one histogram.
	m.observe(response("be", "s2", event.SourceLog))
	m.observe(response("be", "s2", event.SourceSPOE))
	if _, n := seriesOf(t, reg); n != 4 {
		t.Errorf("one pair, two sources: %d series, want 4 (2 counters, 2 histograms)", n)
	}
	for round := range 40 { // reloads renaming every server
		for s := range 20 {
			m.observe(response(fmt.Sprintf("be%d", s%5), fmt.Sprintf("r%d-s%d", round, s), event.SourceLog))
		}
	}
	pairs, n := seriesOf(t, reg)
	if len(pairs) != 50 || n != 100 {
		t.Errorf("after 800 pairs: %d pairs, %d series; want 50 pairs, 100 series", len(pairs), n)
	}
	if diff := cmp.Diff(true, pairs["be4/r39-s19"]); diff != "" {
		t.Errorf("the newest pair has no series (-want +got):\n%s", diff)
	}
}

package alertmanager

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// The metric names and help texts pass the checks of promtool check metrics.
func TestMetricsLint(t *testing.T) {
	reg := prometheus.NewRegistry()
	if _, err := New(Config{URL: "http://127.0.0.1:9093"}, reg, nil); err != nil {
		t.Fatal(err)
	}
	problems, err := testutil.GatherAndLint(reg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", p.Metric, p.Text)
	}
	if _, err := New(Config{URL: "http://127.0.0.1:9093"}, reg, nil); err == nil {
		t.Error("registering the metrics twice on one registry succeeded, want an error")
	}
}

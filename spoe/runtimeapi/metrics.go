package runtimeapi

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the poller's own Prometheus series.
type metrics struct {
	polls         prometheus.Counter
	pollErrors    prometheus.Counter
	pollDuration  prometheus.Histogram
	reloads       prometheus.Counter
	events        prometheus.Counter
	eventsDropped prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		polls: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_runtime_polls_total",
			Help: "Polls of HAProxy's stats socket, failed ones included.",
		}),
		pollErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_runtime_poll_errors_total",
			Help: "Polls of HAProxy's stats socket that failed (connect, timeout, oversized or unreadable answer).",
		}),
		pollDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "hapguard_agent_runtime_poll_duration_seconds",
			Help:    "Time to query and parse one answer to 'show info;show stat'.",
			Buckets: []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5},
		}),
		reloads: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_runtime_reloads_total",
			Help: "HAProxy reloads or restarts noticed (process id changed between polls).",
		}),
		events: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_runtime_events_total",
			Help: "Server and backend state changes handed to detection.",
		}),
		eventsDropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_runtime_events_dropped_total",
			Help: "State changes dropped because the event queue was full.",
		}),
	}
	if reg == nil {
		return m, nil
	}
	for _, c := range []prometheus.Collector{m.polls, m.pollErrors, m.pollDuration, m.reloads, m.events, m.eventsDropped} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register runtime API poller metrics: %w", err)
		}
	}
	return m, nil
}

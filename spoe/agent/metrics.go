package agent

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/event"
)

// otherSeries is the backend and server label used once the series cap is
// reached, so that label cardinality stays bounded.
const otherSeries = "_other_"

// responseMetrics counts the responses the inputs report, per backend and
// server. Only the pipeline's consumer goroutine calls observe.
type responseMetrics struct {
	responses *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	seen      map[[2]string]struct{}
	maxSeries int
}

// newResponseMetrics registers the response counters and latency histogram
// on reg.
func newResponseMetrics(reg prometheus.Registerer, maxSeries int) (*responseMetrics, error) {
	m := &responseMetrics{
		responses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hapguard_agent_responses_total",
			Help: "Responses seen per backend, server, status class (1xx..5xx, or none when no response was sent) and input (spoe or log).",
		}, []string{"backend", "server", "class", "source"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "hapguard_agent_response_duration_seconds",
			Help:    "Server response time (HAProxy's Tr, or the active time when Tr is unknown) per backend and server.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"backend", "server"}),
		seen:      make(map[[2]string]struct{}),
		maxSeries: maxSeries,
	}
	for _, c := range []prometheus.Collector{m.responses, m.latency} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register response metrics: %w", err)
		}
	}
	return m, nil
}

// observe counts one response event; server state events are ignored.
func (m *responseMetrics) observe(e event.Event) {
	if e.Kind != event.KindResponse {
		return
	}
	backend, server := m.labels(e.Backend, e.Server)
	m.responses.WithLabelValues(backend, server, statusClass(e.Status), e.Source.String()).Inc()
	if d := latencyOf(e.Timings); d >= 0 {
		m.latency.WithLabelValues(backend, server).Observe(d.Seconds())
	}
}

// labels returns the label values for a pair, folding new pairs into
// otherSeries once maxSeries pairs are tracked.
func (m *responseMetrics) labels(backend, server string) (string, string) {
	key := [2]string{backend, server}
	if _, ok := m.seen[key]; ok {
		return backend, server
	}
	if len(m.seen) >= m.maxSeries {
		return otherSeries, otherSeries
	}
	m.seen[key] = struct{}{}
	return backend, server
}

func latencyOf(t event.Timings) time.Duration {
	if t.Response >= 0 {
		return t.Response
	}
	return t.Total
}

// statusClass returns "1xx".."5xx", or "none" when no valid status was sent.
func statusClass(status int) string {
	switch {
	case status >= 100 && status < 200:
		return "1xx"
	case status >= 200 && status < 300:
		return "2xx"
	case status >= 300 && status < 400:
		return "3xx"
	case status >= 400 && status < 500:
		return "4xx"
	case status >= 500 && status < 600:
		return "5xx"
	}
	return "none"
}

package agent

import (
	"container/list"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/event"
)

// numClasses is the number of values of the "class" label.
const numClasses = 6

// className returns the "class" label value of classIndex i.
func className(i int) string {
	return [numClasses]string{"none", "1xx", "2xx", "3xx", "4xx", "5xx"}[i]
}

// numSources bounds the "source" label: event.Source values are small.
const numSources = int(event.SourceRuntime) + 1

// pairSeries holds the series of one backend/server pair, created on first
// use so that observing an event costs no label hashing.
type pairSeries struct {
	key       [2]string
	elem      *list.Element
	responses [numClasses][numSources]prometheus.Counter
	latency   [numSources]prometheus.Observer
}

// responseMetrics counts the responses the inputs report, per backend and
// server, with at most maxSeries pairs: the least recently seen pair is
// deleted (its series with it) to make room, and the pairs of a server or
// backend HAProxy no longer has are deleted at once. Only the pipeline's
// consumer goroutine calls observe.
type responseMetrics struct {
	responses *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	pairs     map[[2]string]*pairSeries
	lru       *list.List // of *pairSeries, most recent first
	maxSeries int
	deleted   prometheus.Counter
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
			Name: "hapguard_agent_response_duration_seconds",
			Help: "Server response time per backend, server and input: HAProxy's Tr (or the active time when Tr is unknown) from the log, " +
				"the time between the request and response events from SPOE. A transaction both inputs see is in both sources.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"backend", "server", "source"}),
		deleted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_metric_pairs_deleted_total",
			Help: "Backend/server pairs whose response series were deleted: HAProxy no longer has them, or max_metric_series was reached.",
		}),
		pairs:     make(map[[2]string]*pairSeries),
		lru:       list.New(),
		maxSeries: max(maxSeries, 1),
	}
	pairs := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "hapguard_agent_metric_pairs",
		Help: "Backend/server pairs with response series now (at most max_metric_series).",
	}, func() float64 { return float64(m.lru.Len()) })
	for _, c := range []prometheus.Collector{m.responses, m.latency, m.deleted, pairs} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register response metrics: %w", err)
		}
	}
	return m, nil
}

// observe counts one response event, and deletes the series of a server or
// backend HAProxy removed; other events are ignored.
func (m *responseMetrics) observe(e event.Event) {
	switch {
	case e.Kind == event.KindServerState && e.State == event.StateRemoved:
		m.remove(e.Backend, e.Server)
		return
	case e.Kind != event.KindResponse:
		return
	}
	p := m.pair(e.Backend, e.Server)
	src := int(e.Source)
	if src >= numSources {
		src = 0
	}
	c := &p.responses[classIndex(e.Status)][src]
	if *c == nil {
		*c = m.responses.WithLabelValues(p.key[0], p.key[1], className(classIndex(e.Status)), e.Source.String())
	}
	(*c).Inc()
	if d := latencyOf(e.Timings); d >= 0 {
		o := &p.latency[src]
		if *o == nil {
			*o = m.latency.WithLabelValues(p.key[0], p.key[1], e.Source.String())
		}
		(*o).Observe(d.Seconds())
	}
}

// pair returns the series of a pair, marking it recently used, creating it
// and evicting the least recently used pair when needed.
func (m *responseMetrics) pair(backend, server string) *pairSeries {
	if p, ok := m.pairs[[2]string{backend, server}]; ok {
		m.lru.MoveToFront(p.elem)
		return p
	}
	if m.lru.Len() >= m.maxSeries {
		m.drop(m.lru.Back().Value.(*pairSeries))
	}
	p := &pairSeries{key: [2]string{backend, server}}
	p.elem = m.lru.PushFront(p)
	m.pairs[p.key] = p
	return p
}

// remove deletes the series of backend/server, or of every server of
// backend when server is "".
func (m *responseMetrics) remove(backend, server string) {
	if server != "" {
		if p, ok := m.pairs[[2]string{backend, server}]; ok {
			m.drop(p)
		}
		return
	}
	for key, p := range m.pairs {
		if key[0] == backend {
			m.drop(p)
		}
	}
}

// drop deletes a pair and its series.
func (m *responseMetrics) drop(p *pairSeries) {
	labels := prometheus.Labels{"backend": p.key[0], "server": p.key[1]}
	m.responses.DeletePartialMatch(labels)
	m.latency.DeletePartialMatch(labels)
	m.lru.Remove(p.elem)
	delete(m.pairs, p.key)
	m.deleted.Inc()
}

func latencyOf(t event.Timings) time.Duration {
	if t.Response >= 0 {
		return t.Response
	}
	return t.Total
}

// classIndex returns the class index (see className) of a status: "1xx".."5xx",
// or "none" when no valid status was sent.
func classIndex(status int) int {
	if status >= 100 && status < 600 {
		return status / 100
	}
	return 0
}

package agent

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/event"
)

// Detector is what the pipeline needs from anomaly detection. The pipeline
// calls both methods from one goroutine.
type Detector interface {
	// Observe takes one event.
	Observe(e event.Event)
	// Tick evaluates the recent window and returns the anomalies that
	// changed state (fired or resolved).
	Tick(now time.Time) []Report
	// Anomalies returns the firing anomalies (oldest first) and the most
	// recently resolved ones (newest first): the detector is the one store
	// of anomalies the API reads. Safe to call from any goroutine.
	Anomalies() (active, recent []Report)
}

// Notifier receives every anomaly transition (e.g. to push it to
// Alertmanager). It must not block.
type Notifier interface {
	Notify(r Report)
}

// pipeline moves events from the queue into the detector, and the
// detector's transitions into the log, the metrics and the notifier.
type pipeline struct {
	queue       *event.Queue
	detector    Detector
	metrics     *responseMetrics
	notifier    Notifier // may be nil
	logger      *slog.Logger
	tick        time.Duration
	transitions *prometheus.CounterVec
	removed     removedServers
	active      *prometheus.GaugeVec
}

// registerPipelineMetrics registers the queue and anomaly metrics.
func (p *pipeline) registerPipelineMetrics(reg prometheus.Registerer) error {
	p.transitions = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hapguard_agent_anomaly_transitions_total",
		Help: "Anomaly state changes by kind and new state (firing or resolved).",
	}, []string{"kind", "state"})
	p.active = prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "hapguard_agent_anomaly",
		Help: "1 for each firing anomaly by backend, server (empty for backend-wide), kind and cause; the series goes when it resolves. What contrib/prometheus/hapguard-rules.yml alerts on.",
	}, []string{"backend", "server", "kind", "cause"})
	collectors := []prometheus.Collector{
		p.transitions, p.active,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hapguard_agent_anomalies_active",
			Help: "Anomalies currently firing.",
		}, func() float64 {
			active, _ := p.detector.Anomalies()
			return float64(len(active))
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "hapguard_agent_queue_dropped_events_total",
			Help: "Events dropped because the detection queue was full.",
		}, func() float64 { return float64(p.queue.Dropped()) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "hapguard_agent_queue_events",
			Help: "Events waiting in the detection queue.",
		}, func() float64 { return float64(p.queue.Len()) }),
	}
	for _, c := range collectors {
		if err := reg.Register(c); err != nil {
			return fmt.Errorf("register pipeline metrics: %w", err)
		}
	}
	return nil
}

// run consumes events and ticks until ctx is cancelled, then processes what
// is already queued and returns. Failed attempts the runtime API counted
// are judged as soon as the queue is empty, not at the next tick: they come
// once a poll at most, and a run HAProxy's counters confirmed (or a stall)
// then fires without waiting up to tick_interval more.
func (p *pipeline) run(ctx context.Context) error {
	ticker := time.NewTicker(p.tick)
	defer ticker.Stop()
	urgent := false
	for {
		select {
		case e := <-p.queue.Events():
			p.observe(e)
			urgent = urgent || e.Kind == event.KindFailedAttempts
			if urgent && p.queue.Len() == 0 {
				p.advance(time.Now())
				urgent = false
			}
		case now := <-ticker.C:
			p.advance(now)
		case <-ctx.Done():
			p.drain()
			return nil
		}
	}
}

func (p *pipeline) observe(e event.Event) {
	if !p.removed.filter(&e, e.Time) {
		return
	}
	p.metrics.observe(e)
	p.detector.Observe(e)
}

// drain observes the events queued at the time of the call, no more.
func (p *pipeline) drain() {
	for range p.queue.Len() {
		p.observe(<-p.queue.Events())
	}
}

// advance ticks the detector and publishes each transition.
func (p *pipeline) advance(now time.Time) {
	p.removed.expire(now)
	for _, r := range p.detector.Tick(now) {
		p.transitions.WithLabelValues(r.Kind, r.State).Inc()
		p.setActive(r)
		logTransition(p.logger, r)
		if p.notifier != nil {
			p.notifier.Notify(r)
		}
	}
}

// setActive keeps the hapguard_agent_anomaly series of r's anomaly: 1 while
// it fires (under its latest cause), none once it resolved.
func (p *pipeline) setActive(r Report) {
	p.active.DeletePartialMatch(prometheus.Labels{"backend": r.Backend, "server": r.Server, "kind": r.Kind})
	if r.State != StateResolved {
		p.active.WithLabelValues(r.Backend, r.Server, r.Kind, r.Cause).Set(1)
	}
}

package alertmanager

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Reasons an alert update is dropped (label values of alertsDropped).
const (
	dropQueueFull  = "queue_full"  // Fire/Resolve found the queue full
	dropEvicted    = "evicted"     // the active set was at MaxActive
	dropSendFailed = "send_failed" // a resolve could not be delivered
)

// metrics are the client's own Prometheus series.
type metrics struct {
	sent         *prometheus.CounterVec
	sendFailures prometheus.Counter
	dropped      *prometheus.CounterVec
	active       prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hapguard_agent_alertmanager_alerts_sent_total",
			Help: "Alerts delivered to Alertmanager, by state (firing or resolved).",
		}, []string{"state"}),
		sendFailures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_alertmanager_send_failures_total",
			Help: "Failed POSTs to Alertmanager, each retry counted.",
		}),
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hapguard_agent_alertmanager_alerts_dropped_total",
			Help: "Alert updates given up, by reason (queue_full, evicted, send_failed).",
		}, []string{"reason"}),
		active: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "hapguard_agent_alertmanager_active_alerts",
			Help: "Alerts currently kept for sending (firing, or resolved and not yet sent).",
		}),
	}
	for _, s := range []string{"firing", "resolved"} {
		m.sent.WithLabelValues(s)
	}
	for _, r := range []string{dropQueueFull, dropEvicted, dropSendFailed} {
		m.dropped.WithLabelValues(r)
	}
	if reg == nil {
		return m, nil
	}
	for _, c := range []prometheus.Collector{m.sent, m.sendFailures, m.dropped, m.active} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register alertmanager client metrics: %w", err)
		}
	}
	return m, nil
}

package haproxylog

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the log listener's counters. Children of the per-kind vector
// are resolved once, so counting a line is a single atomic add.
type metrics struct {
	datagrams  prometheus.Counter
	bytes      prometheus.Counter
	truncated  prometheus.Counter
	readErrors prometheus.Counter
	lines      [len(lineKindNames)]prometheus.Counter
}

// newMetrics creates the listener's metrics and registers them on reg.
func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	lines := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "hapguard_agent_log_lines_total",
		Help: "HAProxy log lines read, by kind (http, tcp, server_state, other, unparsable).",
	}, []string{"kind"})
	m := &metrics{
		datagrams: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_log_datagrams_received_total",
			Help: "Syslog datagrams received from HAProxy.",
		}),
		bytes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_log_received_bytes_total",
			Help: "Bytes of syslog datagrams received from HAProxy.",
		}),
		truncated: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_log_truncated_datagrams_total",
			Help: "Syslog datagrams longer than the maximum size, truncated before parsing.",
		}),
		readErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_log_read_errors_total",
			Help: "Errors reading from the syslog socket.",
		}),
	}
	for kind, name := range lineKindNames {
		m.lines[kind] = lines.WithLabelValues(name)
	}
	for _, c := range []prometheus.Collector{m.datagrams, m.bytes, m.truncated, m.readErrors, lines} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register log listener metrics: %w", err)
		}
	}
	return m, nil
}

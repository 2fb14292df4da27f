package bridge

import (
	"fmt"

	"github.com/hapguard/hapguard/lint"
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics exports the findings of the configuration HAProxy runs, so a fleet
// dashboard shows which nodes run risky configurations.
type Metrics struct {
	findings *prometheus.GaugeVec
	ok       prometheus.Gauge
	failures prometheus.Counter
}

// NewMetrics registers the bridge's metrics on reg.
func NewMetrics(reg prometheus.Registerer) (*Metrics, error) {
	m := &Metrics{
		findings: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "hapguard_config_findings",
			Help: "Lint findings of the HAProxy configuration the agent watches, by rule and severity (last successful load).",
		}, []string{"rule", "severity"}),
		ok: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "hapguard_config_load_ok",
			Help: "1 if the last attempt to lint the HAProxy configuration succeeded, 0 if it could not be read.",
		}),
		failures: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_config_load_failures_total",
			Help: "Attempts to lint the HAProxy configuration that failed because it could not be read.",
		}),
	}
	for _, c := range []prometheus.Collector{m.findings, m.ok, m.failures} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("register configuration metrics: %w", err)
		}
	}
	return m, nil
}

func (m *Metrics) loaded(diags []lint.Diagnostic) {
	if m == nil {
		return
	}
	type key struct{ rule, sev string }
	counts := map[key]int{}
	for _, d := range diags {
		counts[key{d.RuleID, d.Severity.String()}]++
	}
	m.findings.Reset()
	for k, n := range counts {
		m.findings.WithLabelValues(k.rule, k.sev).Set(float64(n))
	}
	m.ok.Set(1)
}

func (m *Metrics) loadFailed() {
	if m == nil {
		return
	}
	m.ok.Set(0)
	m.failures.Inc()
}

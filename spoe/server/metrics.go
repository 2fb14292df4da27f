package server

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// Reasons a connection is dropped, the values of the frame errors' label.
const (
	ReasonShort     = "short"     // frame length below the smallest valid frame
	ReasonOversized = "oversized" // frame length above the negotiated max-frame-size
	ReasonZero      = "zero"      // frame length of zero
	ReasonPanic     = "panic"     // the library panicked decoding a frame
	ReasonProtocol  = "protocol"  // the library rejected the exchange
)

// metrics are the server's Prometheus collectors, registered on the injected
// Registerer. Labelled children are resolved once so the hot path does no
// lookups and no allocations.
type metrics struct {
	frames         prometheus.Counter
	frameErrors    map[string]prometheus.Counter
	connsActive    prometheus.Gauge
	connsTotal     prometheus.Counter
	connsRejected  prometheus.Counter
	connsEvicted   *prometheus.CounterVec
	messages       prometheus.Counter
	eventsDropped  prometheus.Counter
	handlerPanics  prometheus.Counter
	backpressure   prometheus.Counter
	frameErrorsVec *prometheus.CounterVec
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		frames: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_spoe_frames_received_total",
			Help: "SPOP frames received whose length passed the connection guard.",
		}),
		frameErrorsVec: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hapguard_agent_spoe_frame_errors_total",
			Help: "SPOE connections dropped because of a bad frame, by reason.",
		}, []string{"reason"}),
		connsActive: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "hapguard_agent_spoe_connections_active",
			Help: "SPOE connections currently open.",
		}),
		connsTotal: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_spoe_connections_total",
			Help: "SPOE connections accepted.",
		}),
		connsRejected: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_spoe_connections_rejected_total",
			Help: "SPOE connections closed at once because the connection limit was reached.",
		}),
		connsEvicted: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "hapguard_agent_spoe_connections_evicted_total",
			Help: "SPOE connections closed at the connection limit to make room for a new one, by reason (no_hello: never sent HELLO; idle: the longest idle).",
		}, []string{"reason"}),
		messages: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_spoe_messages_total",
			Help: "SPOE response messages turned into events.",
		}),
		eventsDropped: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_spoe_events_dropped_total",
			Help: "SPOE events dropped because the event queue was full.",
		}),
		handlerPanics: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_spoe_handler_panics_total",
			Help: "Panics recovered in the SPOE message handler.",
		}),
		backpressure: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "hapguard_agent_spoe_backpressure_total",
			Help: "Times a connection stopped being read because too many of its NOTIFY frames awaited their ACK.",
		}),
	}
	m.frameErrors = make(map[string]prometheus.Counter)
	for _, r := range []string{ReasonShort, ReasonOversized, ReasonZero, ReasonPanic, ReasonProtocol} {
		m.frameErrors[r] = m.frameErrorsVec.WithLabelValues(r)
	}
	if reg == nil {
		return m, nil
	}
	for _, c := range m.collectors() {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("spoe server: register metrics: %w", err)
		}
	}
	return m, nil
}

func (m *metrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.frames, m.frameErrorsVec, m.connsActive, m.connsTotal,
		m.connsRejected, m.connsEvicted, m.messages, m.eventsDropped, m.handlerPanics, m.backpressure}
}

// frameError counts one dropped connection for reason.
func (m *metrics) frameError(reason string) { m.frameErrors[reason].Inc() }

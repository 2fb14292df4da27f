package agent

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/detect"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// agentConfirmFor is the agent's default confirmation time. spoe/detect's
// 1s default assumes one-second ticks; the agent evaluates every 250ms, so
// 500ms is two confirming evaluations, and onset to firing stays inside two
// seconds (measured against a real HAProxy in integration_test.go).
const agentConfirmFor = 500 * time.Millisecond

// defaultDetection takes its values from spoe/detect's defaults, so both
// document the same numbers, except ConfirmFor (see agentConfirmFor).
func defaultDetection() Detection {
	d := detect.DefaultConfig()
	d.ConfirmFor = agentConfirmFor
	return Detection{
		Consecutive5xx: d.ConsecutiveErrors, Window: d.Window,
		ErrorRatio: d.MinErrorRatio, ErrorRatioFactor: d.ErrorRatioFactor,
		MinRequests: d.MinRequests, MinErrors: d.MinErrors,
		LatencyFactor: d.LatencyFactor, LatencyFloor: d.LatencyFloor,
		ConfirmFor: d.ConfirmFor, ResolveAfter: d.ResolveAfter, MaxKeys: d.MaxKeys,
	}
}

// detectConfig overlays d on spoe/detect's defaults.
func (d Detection) detectConfig() detect.Config {
	c := detect.DefaultConfig()
	c.ConsecutiveErrors, c.Window = d.Consecutive5xx, d.Window
	c.MinErrorRatio, c.ErrorRatioFactor = d.ErrorRatio, d.ErrorRatioFactor
	c.MinRequests, c.MinErrors = d.MinRequests, d.MinErrors
	c.LatencyFactor, c.LatencyFloor = d.LatencyFactor, d.LatencyFloor
	c.ConfirmFor, c.ResolveAfter, c.MaxKeys = d.ConfirmFor, d.ResolveAfter, d.MaxKeys
	// The agents' own backend goes DOWN whenever an agent restarts: the
	// agent never pages about itself.
	c.IgnoreBackends = append([]string{wiring.AgentsBackend}, d.IgnoreBackends...)
	return c
}

// detector adapts *detect.Detector to the pipeline's Detector.
type detector struct {
	*detect.Detector
}

// newDetector builds the detector and registers its own metrics on reg.
func newDetector(d Detection, reg prometheus.Registerer) (detector, error) {
	det := detector{detect.New(d.detectConfig(), nil)}
	stat := func(pick func(detect.Stats) float64) func() float64 {
		return func() float64 { return pick(det.Stats()) }
	}
	collectors := []prometheus.Collector{
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "hapguard_agent_detector_keys", Help: "Backends and backend/server pairs the detector tracks."},
			stat(func(s detect.Stats) float64 { return float64(s.Keys) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "hapguard_agent_detector_evictions_total", Help: "Keys evicted by the detector's key cap."},
			stat(func(s detect.Stats) float64 { return float64(s.Evictions) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "hapguard_agent_detector_removed_total", Help: "Keys dropped because HAProxy no longer has the server or backend (reload, runtime removal)."},
			stat(func(s detect.Stats) float64 { return float64(s.Removed) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "hapguard_agent_detector_events_total", Help: "Events the detector observed."},
			stat(func(s detect.Stats) float64 { return float64(s.Events) })),
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "hapguard_agent_detector_joined_total", Help: "Transactions seen by both SPOE and the log, counted once."},
			stat(func(s detect.Stats) float64 { return float64(s.Joined) })),
	}
	for _, c := range collectors {
		if err := reg.Register(c); err != nil {
			return detector{}, fmt.Errorf("register detector metrics: %w", err)
		}
	}
	return det, nil
}

// Tick returns the detector's transitions as Reports.
func (d detector) Tick(now time.Time) []Report {
	transitions := d.Detector.Tick(now)
	if len(transitions) == 0 {
		return nil
	}
	out := make([]Report, 0, len(transitions))
	for _, t := range transitions {
		out = append(out, reportOf(t.Anomaly))
	}
	return out
}

// reportOf converts a detected anomaly into its published form.
func reportOf(a detect.Anomaly) Report {
	state := StateFiring
	if a.State == detect.StateResolved {
		state = StateResolved
	}
	return Report{
		State: state, Kind: string(a.Kind), Backend: a.Backend, Server: a.Server,
		Cause: a.Cause.String(), Observed: a.Observed, Baseline: a.Baseline, Threshold: a.Threshold,
		Unit: a.Unit, Samples: a.Samples, Message: a.Message, NextStep: a.NextStep,
		FiredAt: a.FiringSince, ResolvedAt: a.ResolvedAt,
	}
}

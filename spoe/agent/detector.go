package agent

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/confignote"
	"github.com/hapguard/hapguard/spoe/detect"
	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// detector adapts *detect.Detector to the pipeline's Detector. Each report
// it returns names the configuration lines behind it when an explainer is
// set (see annotate).
type detector struct {
	*detect.Detector
	explainer confignote.Explainer // may be nil
}

// newDetector builds the detector and registers its own metrics on reg.
func newDetector(cfg detect.Config, explainer confignote.Explainer, reg prometheus.Registerer) (detector, error) {
	// The agents' own backend goes DOWN whenever an agent restarts: the
	// agent never pages about itself.
	cfg.IgnoreBackends = append([]string{wiring.AgentsBackend}, cfg.IgnoreBackends...)
	det := detector{detect.New(cfg, nil), explainer}
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
		out = append(out, d.report(t.Anomaly))
	}
	return out
}

// Anomalies returns the detector's firing anomalies, oldest first, and the
// resolved ones it keeps (detection.history), newest first, as Reports.
func (d detector) Anomalies() (active, recent []Report) {
	active = []Report{}
	for _, a := range d.Detector.Active() {
		if a.State == detect.StateFiring {
			active = append(active, d.report(a))
		}
	}
	resolved := d.Detector.Recent(d.Config().History)
	recent = make([]Report, 0, len(resolved))
	for _, a := range resolved {
		recent = append(recent, d.report(a))
	}
	return active, recent
}

// report is a's published form with the configuration lines behind it.
func (d detector) report(a detect.Anomaly) Report {
	return annotate(d.explainer, reportOf(a))
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
		Unit: a.Unit, Samples: a.Samples, Summary: summaryOf(a), Message: a.Message, NextStep: a.NextStep,
		FiredAt: a.FiringSince, ResolvedAt: a.ResolvedAt,
		Episode: Episode{Requests: a.Episode.Requests, Errors: a.Episode.Errors, NoServer: a.Episode.NoServer,
			CauseErrors: a.Episode.CauseErrors, Peak: a.Peak},
	}
}

// summaryOf is the short line of a: "consecutive_5xx on be_app/s1: HAProxy
// rejected the server's response as invalid (PH)".
func summaryOf(a detect.Anomaly) string {
	target := a.Backend
	if a.Server != "" {
		target += "/" + a.Server
	}
	s := string(a.Kind) + " on " + target
	if a.Cause != event.CauseNone {
		s += ": " + a.Cause.Summary()
	}
	return s
}

package agent

import (
	"context"
	"log/slog"
	"time"

	"github.com/hapguard/hapguard/spoe/confignote"
)

// Anomaly states as the log lines, the API and Alertmanager name them.
const (
	StateFiring   = "firing"
	StateResolved = "resolved"
)

// Report is one anomaly as the log lines and /api/v1/anomalies show it.
type Report struct {
	State     string  `json:"state"`
	Kind      string  `json:"kind"`
	Backend   string  `json:"backend"`
	Server    string  `json:"server,omitempty"`
	Cause     string  `json:"cause"`
	Observed  float64 `json:"observed"`
	Baseline  float64 `json:"baseline"`
	Threshold float64 `json:"threshold"`
	Unit      string  `json:"unit"`
	Samples   int     `json:"samples"`
	// Summary is the short line (kind, backend/server, cause); Message
	// the full one with the figures.
	Summary  string    `json:"summary"`
	Message  string    `json:"message"`
	NextStep string    `json:"next_step,omitempty"`
	FiredAt  time.Time `json:"fired_at"`
	// ResolvedAt is set once the anomaly is resolved.
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	// Episode sums the whole anomaly so far (final once resolved).
	Episode Episode `json:"episode"`
	// Config lists the lines of the configuration HAProxy runs that explain
	// the anomaly (empty when none relates, or no configuration is watched).
	Config []confignote.Note `json:"config,omitempty"`
}

// Episode is what happened from the window that raised an anomaly to its
// resolution (or to now).
type Episode struct {
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`       // backend-fault errors, <NOSRV> included
	NoServer    int     `json:"no_server"`    // <NOSRV> answers
	CauseErrors int     `json:"cause_errors"` // errors with the anomaly's cause
	Peak        float64 `json:"peak"`         // highest observed value, in Unit
}

// key identifies an anomaly: one per kind and backend/server at a time.
func (r Report) key() [3]string { return [3]string{r.Kind, r.Backend, r.Server} }

// logTransition writes the one JSON log line of a state change.
func logTransition(logger *slog.Logger, r Report) {
	msg := "anomaly firing"
	if r.State == StateResolved {
		msg = "anomaly resolved"
	}
	attrs := []slog.Attr{
		slog.String("kind", r.Kind),
		slog.String("backend", r.Backend),
		slog.String("server", r.Server),
		slog.String("cause", r.Cause),
		slog.Float64("observed", r.Observed),
		slog.Float64("baseline", r.Baseline),
		slog.Float64("threshold", r.Threshold),
		slog.String("unit", r.Unit),
		slog.Int("samples", r.Samples),
		slog.String("message", r.Message),
		slog.String("next_step", r.NextStep),
	}
	if len(r.Config) > 0 {
		attrs = append(attrs, slog.Any("config", r.Config))
	}
	logger.LogAttrs(context.Background(), slog.LevelWarn, msg, attrs...)
}

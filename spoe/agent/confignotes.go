package agent

import (
	"context"
	"fmt"
	"strings"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/confignote"
)

// validateConfigPaths checks haproxy_config: paths must be given, but need
// not be readable yet (an unreadable configuration is reported at run time
// and never stops detection).
func validateConfigPaths(paths []string) []error {
	var errs []error
	for i, p := range paths {
		switch strings.TrimSpace(p) {
		case "":
			errs = append(errs, fmt.Errorf("%s: entry %d is empty: want a file or directory of the configuration HAProxy runs", setting("haproxy_config"), i+1))
		case "-":
			errs = append(errs, fmt.Errorf("%s: entry %d is \"-\": the agent reads the configuration from files, not standard input", setting("haproxy_config"), i+1))
		}
	}
	return errs
}

// configRunner is implemented by explainers that keep their answer current
// in the background (re-reading the configuration); the agent runs them as
// one of its parts.
type configRunner interface {
	Run(ctx context.Context) error
}

// configRegisterer is implemented by explainers with metrics of their own,
// registered on the agent's registry.
type configRegisterer interface {
	Register(reg prometheus.Registerer) error
}

// explainerServices registers and returns the explainer's background part,
// if it has one.
func explainerServices(ex confignote.Explainer, reg prometheus.Registerer) ([]service, error) {
	if ex == nil {
		return nil, nil
	}
	if r, ok := ex.(configRegisterer); ok {
		if err := r.Register(reg); err != nil {
			return nil, fmt.Errorf("configuration notes: %w", err)
		}
	}
	if r, ok := ex.(configRunner); ok {
		return []service{{"haproxy configuration", r.Run}}, nil
	}
	return nil, nil
}

// onHAProxyReload returns the runtime API poller's reload hook for ex: an
// explainer that can re-read the configuration does so when HAProxy's
// process id changes. nil when there is nothing to tell.
func onHAProxyReload(ex confignote.Explainer) func() {
	if r, ok := ex.(confignote.Reloader); ok {
		return r.HAProxyReloaded
	}
	return nil
}

// annotate adds the configuration lines that explain r: the notes go in
// r.Config, and the most relevant one is named in the message, so that
// every output (log line, API, Alertmanager) carries it.
func annotate(ex confignote.Explainer, r Report) Report {
	if ex == nil {
		return r
	}
	r.Config = ex.Explain(confignote.Anomaly{Kind: r.Kind, Cause: r.Cause, Backend: r.Backend, Server: r.Server})
	if len(r.Config) == 0 {
		return r
	}
	more := ""
	if n := len(r.Config) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more)", n)
	}
	r.Message = fmt.Sprintf("%s; config: %s%s", r.Message, r.Config[0], more)
	return r
}

// configText joins the report's notes with sep, or "" without notes.
func (r Report) configText(sep string) string {
	lines := make([]string, len(r.Config))
	for i, n := range r.Config {
		lines[i] = n.String()
	}
	return strings.Join(lines, sep)
}

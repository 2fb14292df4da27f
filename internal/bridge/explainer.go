package bridge

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/spoe/confignote"
)

// Result is one lint run over the configuration HAProxy runs.
type Result struct {
	Config *lint.Config
	Diags  []lint.Diagnostic
	// Redactor masks the configuration's secrets in notes.
	Redactor *lint.Redactor
	// Fault is a rule's internal fault; the other rules' findings stand.
	Fault error
}

// LoadFunc lints the configuration, loading it exactly as `hapguard lint`
// does (files, directories, version setting, .hapguard.yaml). An error means
// the configuration could not be read.
type LoadFunc func() (Result, error)

// Options configure an Explainer.
type Options struct {
	// Load lints the configuration; required.
	Load LoadFunc
	// Paths are the files and directories Load reads, watched for changes.
	Paths []string
	// PollInterval is how often the paths are checked for changes
	// (default 5s; 0 keeps the default, negative disables the watch).
	PollInterval time.Duration
	// Logger receives one line per reload and one per failure episode.
	Logger *slog.Logger
}

// Explainer answers the agent's confignote.Explainer questions from the
// latest successful lint of the configuration, and reloads it when HAProxy
// reloads or the files change. A configuration that cannot be read never
// stops the agent: the previous answer stays, and the failure is logged once
// until a load succeeds again.
type Explainer struct {
	opts      Options
	relations []Relation
	index     atomic.Pointer[scopeIndex]
	reload    chan struct{}
	metrics   *Metrics // nil until Register
	failing   bool     // touched only by the goroutine that reloads
}

var (
	_ confignote.Explainer = (*Explainer)(nil)
	_ confignote.Reloader  = (*Explainer)(nil)
)

// Register exports the running configuration's findings on reg; call it
// before Run.
func (e *Explainer) Register(reg prometheus.Registerer) error {
	m, err := NewMetrics(reg)
	if err != nil {
		return err
	}
	e.metrics = m
	return nil
}

// New returns an Explainer; call Run to load the configuration and keep it
// current.
func New(opts Options) (*Explainer, error) {
	if opts.Load == nil {
		return nil, errors.New("bridge: Options.Load is required")
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = 5 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Explainer{opts: opts, relations: Relations(), reload: make(chan struct{}, 1)}, nil
}

// Explain implements confignote.Explainer.
func (e *Explainer) Explain(a confignote.Anomaly) []confignote.Note {
	return explain(e.index.Load(), e.relations, a)
}

// HAProxyReloaded implements confignote.Reloader: the configuration is
// linted again soon after HAProxy reloads.
func (e *Explainer) HAProxyReloaded() {
	select {
	case e.reload <- struct{}{}:
	default: // a reload is already pending
	}
}

// Run loads the configuration, then reloads it on HAProxyReloaded and when
// the watched files change, until ctx ends.
func (e *Explainer) Run(ctx context.Context) error {
	last := fingerprint(e.opts.Paths)
	e.Reload()
	var tick <-chan time.Time
	if e.opts.PollInterval > 0 {
		t := time.NewTicker(e.opts.PollInterval)
		defer t.Stop()
		tick = t.C
	}
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-e.reload:
			last = fingerprint(e.opts.Paths)
			e.Reload()
		case <-tick:
			if now := fingerprint(e.opts.Paths); now != last {
				last = now
				e.Reload()
			}
		}
	}
}

// Reload lints the configuration now and, on success, answers from the new
// result. It is called by Run; tests call it directly.
func (e *Explainer) Reload() {
	start := time.Now()
	res, err := e.load()
	if err != nil {
		if !e.failing {
			e.opts.Logger.Warn("haproxy configuration not linted; anomalies keep the notes of the last good load", "err", err)
		}
		e.failing = true
		e.metrics.loadFailed()
		return
	}
	e.failing = false
	e.index.Store(newScopeIndex(res.Config, res.Diags, res.Redactor))
	e.metrics.loaded(res.Diags)
	e.opts.Logger.Info("haproxy configuration linted", "findings", len(res.Diags),
		"duration_ms", time.Since(start).Milliseconds())
	if res.Fault != nil {
		e.opts.Logger.Error("a lint rule failed; its findings are missing (please report it)", "err", res.Fault)
	}
}

// load calls the LoadFunc, turning a panic into an error: a linter fault
// must never take the agent down.
func (e *Explainer) load() (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("linter fault: %v", r)
		}
	}()
	res, err = e.opts.Load()
	if err == nil && (res.Config == nil || res.Redactor == nil) {
		err = errors.New("bridge: load returned no configuration")
	}
	return res, err
}

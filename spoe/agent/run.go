package agent

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/hapguard/hapguard/spoe/alertmanager"
	"github.com/hapguard/hapguard/spoe/event"
)

// service is one long-running part of the agent: an input, the pipeline,
// the HTTP listener or the Alertmanager client.
type service struct {
	name string
	run  func(ctx context.Context) error
}

// Run runs the agent with cfg until ctx is cancelled, then stops every part
// within cfg.ShutdownTimeout and returns nil. It returns an error when the
// agent cannot start or a part fails while running.
func Run(ctx context.Context, cfg Config, logger *slog.Logger) error {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("invalid configuration: %w", err)
	}
	services, err := assemble(cfg, logger)
	if err != nil {
		return err
	}
	logger.Info("agent started", "spoe", cfg.SPOEListen, "syslog", cfg.SyslogListen,
		"haproxy_socket", cfg.HAProxySocket, "http", cfg.HTTPListen, "alertmanager", alertmanager.RedactURL(cfg.AlertmanagerURL))
	warnMissingInputs(cfg, logger)
	err = runAll(ctx, services, cfg.ShutdownTimeout)
	logger.Info("agent stopped")
	return err
}

// assemble builds every part from cfg; listeners are bound here, so that a
// busy port fails the start.
func assemble(cfg Config, logger *slog.Logger) ([]service, error) {
	reg := prometheus.NewRegistry()
	if err := reg.Register(collectors.NewGoCollector()); err != nil {
		return nil, fmt.Errorf("register go metrics: %w", err)
	}
	queue := event.NewQueue(cfg.QueueSize)
	det, err := newDetector(cfg.Detection, cfg.Explainer, reg)
	if err != nil {
		return nil, err
	}
	p, err := newPipeline(cfg, queue, det, reg, logger)
	if err != nil {
		return nil, err
	}
	services := []service{{"pipeline", p.run}}
	explain, err := explainerServices(cfg.Explainer, reg)
	if err != nil {
		return nil, err
	}
	services = append(services, explain...)
	inputs, err := newInputs(cfg, queue, det.Verdict, reg, logger)
	if err != nil {
		return nil, err
	}
	services = append(services, inputs...)
	outputs, err := newOutputs(cfg, p, reg, logger)
	if err != nil {
		release(services, cfg.ShutdownTimeout)
		return nil, err
	}
	return append(services, outputs...), nil
}

// release stops services that were built (and may hold bound listeners)
// but never ran.
func release(services []service, timeout time.Duration) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	runAll(ctx, services, timeout)
}

// newPipeline wires the queue and the detector together.
func newPipeline(cfg Config, queue *event.Queue, det Detector, reg prometheus.Registerer, logger *slog.Logger) (*pipeline, error) {
	metrics, err := newResponseMetrics(reg, cfg.MaxMetricSeries)
	if err != nil {
		return nil, err
	}
	p := &pipeline{
		queue: queue, detector: det, metrics: metrics,
		logger: logger, tick: cfg.TickInterval,
	}
	if err := p.registerPipelineMetrics(reg); err != nil {
		return nil, err
	}
	return p, nil
}

// runAll runs every service until ctx is cancelled or one fails, then
// cancels the rest and waits for them at most timeout (plus a second).
func runAll(ctx context.Context, services []service, timeout time.Duration) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	for _, s := range services {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.run(ctx); err != nil {
				cancel(fmt.Errorf("%s: %w", s.name, err))
			}
		}()
	}
	<-ctx.Done()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(timeout + time.Second):
		return fmt.Errorf("shutdown took longer than %v", timeout)
	}
	if err := context.Cause(ctx); !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

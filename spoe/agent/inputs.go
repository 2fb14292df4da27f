package agent

import (
	"fmt"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/haproxylog"
	"github.com/hapguard/hapguard/spoe/runtimeapi"
	"github.com/hapguard/hapguard/spoe/server"
)

// newInputs builds the configured inputs, each feeding queue. verdict is
// what the SPOE server sends back to HAProxy for a backend/server.
func newInputs(cfg Config, queue *event.Queue, verdict func(backend, server string) string, reg prometheus.Registerer, logger *slog.Logger) ([]service, error) {
	var services []service
	if cfg.SPOEListen != "" {
		s, err := newSPOEInput(cfg, queue, verdict, reg, logger)
		if err != nil {
			return nil, err
		}
		services = append(services, s)
	}
	if cfg.SyslogListen != "" {
		l, err := haproxylog.NewListener(haproxylog.ListenerConfig{
			Addr: cfg.SyslogListen, Sink: queue, Registerer: reg,
			Logger: logger.With("input", "log"), MaxNames: cfg.Detection.MaxKeys, SocketMode: 0o660,
		})
		if err != nil {
			release(services, cfg.ShutdownTimeout)
			return nil, fmt.Errorf("syslog input: %w", err)
		}
		services = append(services, service{"syslog input", l.Run})
	}
	if cfg.HAProxySocket != "" {
		p, err := newRuntimeInput(cfg, queue, reg, logger)
		if err != nil {
			release(services, cfg.ShutdownTimeout)
			return nil, err
		}
		services = append(services, service{"runtime API poller", p.Run})
	}
	return services, nil
}

func newSPOEInput(cfg Config, queue *event.Queue, verdict func(backend, server string) string, reg prometheus.Registerer, logger *slog.Logger) (service, error) {
	s, err := server.New(server.Config{
		Address: cfg.SPOEListen, ShutdownTimeout: cfg.ShutdownTimeout,
		MaxConnections: cfg.SPOE.MaxConnections, HelloTimeout: cfg.SPOE.HelloTimeout, IdleTimeout: cfg.SPOE.IdleTimeout,
		MaxNames: cfg.Detection.MaxKeys, Verdict: verdict,
	}, queue, reg, logger.With("input", "spoe"))
	if err != nil {
		return service{}, fmt.Errorf("spoe input: %w", err)
	}
	if _, err := s.Listen(); err != nil {
		return service{}, fmt.Errorf("spoe input: %w", err)
	}
	return service{"spoe input", s.Run}, nil
}

func newRuntimeInput(cfg Config, queue *event.Queue, reg prometheus.Registerer, logger *slog.Logger) (*runtimeapi.Poller, error) {
	p, err := runtimeapi.New(runtimeapi.Config{
		Address: cfg.HAProxySocket, Interval: cfg.PollInterval,
		OnPoll: reloadHook(onHAProxyReload(cfg.Explainer)),
	}, queue, reg, logger)
	if err != nil {
		return nil, fmt.Errorf("runtime API poller: %w", err)
	}
	return p, nil
}

// reloadHook turns a "HAProxy reloaded" callback into the poller's OnPoll
// hook; nil stays nil.
func reloadHook(reloaded func()) func(runtimeapi.Delta) {
	if reloaded == nil {
		return nil
	}
	return func(d runtimeapi.Delta) {
		if d.Reload {
			reloaded()
		}
	}
}

// Package agent assembles `hapguard agent`: its configuration, the inputs
// (SPOE, HAProxy's log stream, the runtime API) feeding one bounded queue,
// the detector, and the outputs (JSON log lines, Prometheus metrics, the
// anomalies API, Alertmanager). The command line lives in internal/cli.
package agent

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Serve runs the agent as a process does: cfg until SIGTERM or SIGINT (or
// ctx) stops it gracefully, with the process's memory policy (memory.go)
// applied first. SIGHUP does not stop it: recheck re-reads the
// configuration, and the result is logged with a reminder that a restart
// applies it (the detector's state and the open SPOE connections would be
// lost by an in-process reload). Serve returns Run's error.
func Serve(ctx context.Context, cfg Config, recheck func() error, logger *slog.Logger) error {
	if err := cfg.Validate(); err != nil {
		return fmt.Errorf("invalid configuration: %w", err)
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stop()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go logReloads(ctx, hup, recheck, logger)
	mem := applyMemoryPolicy(cfg, os.Getenv)
	logger.Info("memory policy", "gc_percent", mem.gcPercent, "memory_limit_mib", mem.memoryLimitMiB)
	return Run(ctx, cfg, logger)
}

// logReloads answers each SIGHUP until ctx ends.
func logReloads(ctx context.Context, hup <-chan os.Signal, recheck func() error, logger *slog.Logger) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			if err := recheck(); err != nil {
				logger.Error("SIGHUP: the configuration is invalid; the agent keeps running with the one it started with",
					"error", err.Error())
				continue
			}
			logger.Warn("SIGHUP: the configuration is valid; restart the agent to apply it (it is not reloaded in place)")
		}
	}
}

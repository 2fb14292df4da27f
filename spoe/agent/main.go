// Package agent assembles `hapguard agent`: its configuration and command
// line, the inputs (SPOE, HAProxy's log stream, the runtime API) feeding one
// bounded queue, the detector, and the outputs (JSON log lines, Prometheus
// metrics, the anomalies API, Alertmanager).
package agent

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes of Main.
const (
	ExitOK      = 0 // ran and stopped gracefully, or the check passed
	ExitRuntime = 1 // failed while running
	ExitUsage   = 2 // bad command line or configuration
)

// Main runs `hapguard agent` with args (the words after "agent") and returns
// the process exit code. SIGTERM and SIGINT stop it gracefully.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "print-haproxy-config" {
		return printHAProxyConfig(args[1:], stdout, stderr)
	}
	opts, err := parseOptions(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err == nil {
		err = opts.config.Validate()
	}
	if err != nil {
		fmt.Fprintf(stderr, "hapguard agent: %v\n", err)
		return ExitUsage
	}
	if opts.checkConfig {
		fmt.Fprintln(stdout, "hapguard agent: configuration is valid")
		return ExitOK
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stop()
	logger := slog.New(slog.NewJSONHandler(stderr, nil))
	if err := Run(ctx, opts.config, logger); err != nil {
		logger.Error("agent stopped on error", "error", err.Error())
		return ExitRuntime
	}
	return ExitOK
}

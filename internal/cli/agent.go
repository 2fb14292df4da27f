package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"

	"github.com/hapguard/hapguard/spoe/agent"
)

// runAgent implements `hapguard agent [flags]` and its subcommand
// print-haproxy-config. SIGTERM and SIGINT stop the agent gracefully; SIGHUP
// re-checks the configuration and logs the result.
func runAgent(ctx context.Context, args []string, std Stdio) int {
	if len(args) > 0 && args[0] == "print-haproxy-config" {
		return printHAProxyConfig(args[1:], std)
	}
	opts, err := parseAgentOptions(args, std.Err)
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	if err == nil {
		err = opts.config.Validate()
	}
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard agent: %v\n", err)
		return ExitUsage
	}
	if opts.checkConfig {
		fmt.Fprintln(std.Out, "hapguard agent: configuration is valid")
		return ExitOK
	}
	logger := slog.New(slog.NewJSONHandler(std.Err, nil))
	explainer, err := configExplainer(opts.config.HAProxyConfig, logger)
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard agent: %v\n", err)
		return ExitUsage
	}
	if explainer != nil {
		opts.config.Explainer = explainer
	}
	recheck := func() error {
		o, err := parseAgentOptions(args, nil)
		if err != nil {
			return err
		}
		return o.config.Validate()
	}
	if err := agent.Serve(ctx, opts.config, recheck, logger); err != nil {
		logger.Error("agent stopped on error", "error", err.Error())
		return ExitRuntime
	}
	return ExitOK
}

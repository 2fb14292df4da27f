package agent

import (
	"context"
	"errors"
	"log/slog"
)

// Run runs the agent with cfg until ctx is cancelled.
func Run(ctx context.Context, cfg Config, logger *slog.Logger) error {
	return errors.New("not assembled yet")
}

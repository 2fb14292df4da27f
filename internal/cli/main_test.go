package cli

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestMain keeps the lint tests independent of the machine: the version is
// not asked of an haproxy binary that happens to be installed. With
// childArgsEnv set, the test binary runs as hapguard itself, so that tests
// can signal a real process (see agent_signal_test.go).
func TestMain(m *testing.M) {
	os.Setenv(haproxyBinaryEnv, "none")
	if args := os.Getenv(childArgsEnv); args != "" {
		os.Exit(Main(context.Background(), strings.Split(args, "\n"), Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
	}
	os.Exit(m.Run())
}

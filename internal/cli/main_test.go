package cli

import (
	"os"
	"testing"
)

// TestMain keeps the lint tests independent of the machine: the version is
// not asked of an haproxy binary that happens to be installed.
func TestMain(m *testing.M) {
	os.Setenv(haproxyBinaryEnv, "none")
	os.Exit(m.Run())
}

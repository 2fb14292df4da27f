// Package testbin finds the real programs that integration tests drive
// (haproxy, promtool, prometheus-alertmanager, pre-commit). In CI (the CI
// environment variable set) a missing program fails the test, because those
// tests must run there; elsewhere it skips the test with a clear message.
package testbin

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Require returns the path of program, looked up in PATH and then in
// /usr/sbin and /usr/bin (Debian installs haproxy in /usr/sbin, which is
// not in every user's PATH). debianPackage names the package to install.
func Require(t testing.TB, program, debianPackage string) string {
	t.Helper()
	if path, err := exec.LookPath(program); err == nil {
		return path
	}
	for _, dir := range []string{"/usr/sbin", "/usr/bin"} {
		path := filepath.Join(dir, program)
		if st, err := os.Stat(path); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return path
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required in CI: apt-get install %s", program, debianPackage)
	}
	t.Skipf("%s not installed (apt-get install %s); this test runs in CI", program, debianPackage)
	return ""
}

package testbin

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/hapguard/hapguard/internal/testnet"
)

// RunHAProxy writes config to haproxy.cfg in a new temporary directory and
// runs it with RunHAProxyFile.
func RunHAProxy(t testing.TB, bin, config string) (stop func()) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "haproxy.cfg")
	if err := os.WriteFile(path, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return RunHAProxyFile(t, bin, path)
}

// RunHAProxyFile starts bin in the foreground (-db) on the configuration
// files at paths, in order (one -f each). It returns a stop function that
// kills the process and waits for it; the test's cleanup calls it too, and
// logs HAProxy's output when the test failed. Readiness (a port that accepts, a socket that
// exists) is the caller's to wait for.
func RunHAProxyFile(t testing.TB, bin string, paths ...string) (stop func()) {
	t.Helper()
	var out testnet.SyncBuffer
	args := []string{"-db"}
	for _, p := range paths {
		args = append(args, "-f", p)
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	var once sync.Once
	stop = func() {
		once.Do(func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		})
	}
	t.Cleanup(func() {
		stop()
		if t.Failed() {
			t.Logf("haproxy output:\n%s", out.String())
		}
	})
	return stop
}

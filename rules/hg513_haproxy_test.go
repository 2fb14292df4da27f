package rules

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
)

// TestMaxconnOnHAProxy backs HG513's claims against real HAProxy 2.6 and
// 3.4, started by prlimit with file descriptor limits below any machine's
// hard limit: without a global maxconn the process limit is about half
// the hard limit, not the soft one; a ulimit-n below twice maxconn either
// stops HAProxy at startup ("FD limit (1024) too low for maxconn") when the
// soft limit is already above it, or is applied as written.
func TestMaxconnOnHAProxy(t *testing.T) {
	prlimit := testbin.Require(t, "prlimit", "util-linux")
	const hard = 10000
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil || lim.Max < hard {
		t.Fatalf("the test needs a hard file descriptor limit of at least %d (have %d, %v)", hard, lim.Max, err)
	}
	small := "    maxconn 4000\n    ulimit-n 1000\n"
	for _, branch := range []string{"2.6", "3.4"} {
		t.Run(branch, func(t *testing.T) {
			bin := testbin.HAProxy(t, branch)
			lowSoft := []string{prlimit, fmt.Sprintf("--nofile=1024:%d", hard), "--", bin}
			info := showInfo(t, lowSoft, "")
			if got := info["Maxconn"]; got > hard/2 || got < hard/2-100 {
				t.Errorf("no global maxconn, fd limits 1024:%d: Maxconn %d, want about %d", hard, got, hard/2)
			}
			if out, code := startFailure(t, lowSoft, small); code != 1 || !strings.Contains(out, "too low for maxconn") {
				t.Errorf("maxconn 4000, ulimit-n 1000, soft limit 1024: exit %d, want 1 with \"too low for maxconn\":\n%s", code, out)
			}
			info = showInfo(t, []string{prlimit, fmt.Sprintf("--nofile=%d:%d", hard, hard), "--", bin}, small)
			if info["Maxconn"] != 4000 || info["Ulimit-n"] != 1000 {
				t.Errorf("maxconn 4000, ulimit-n 1000, limits %d:%d: Maxconn %d, Ulimit-n %d; want 4000 and 1000 as written", hard, hard, info["Maxconn"], info["Ulimit-n"])
			}
		})
	}
}

// startFailure starts HAProxy with the given global lines, expecting it to
// stop by itself within 5s, and returns its output and exit status.
func startFailure(t *testing.T, argv []string, global string) (string, int) {
	t.Helper()
	path := writeInfoConfig(t, global)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, argv[0], append(argv[1:], "-db", "-f", path)...).CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(out), exit.ExitCode()
	}
	return string(out), 0
}

// writeInfoConfig writes a configuration with a stats socket beside it,
// the given global lines and one frontend.
func writeInfoConfig(t *testing.T, global string) string {
	t.Helper()
	dir := t.TempDir()
	cfg := fmt.Sprintf("global\n    stats socket %s mode 600 level admin\n%sdefaults\n    mode http\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\nfrontend fe\n    bind 127.0.0.1:%d\n",
		filepath.Join(dir, "admin.sock"), global, freeLoopbackPort(t))
	path := filepath.Join(dir, "info.cfg")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// showInfo starts HAProxy (argv: the command that runs it) with the given
// global lines and returns the numeric fields of "show info".
func showInfo(t *testing.T, argv []string, global string) map[string]int {
	t.Helper()
	path := writeInfoConfig(t, global)
	sock := filepath.Join(filepath.Dir(path), "admin.sock")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], append(argv[1:], "-db", "-f", path)...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	out := map[string]int{}
	for _, line := range strings.Split(runtimeAPI(t, sock, "show info"), "\n") {
		if k, v, ok := strings.Cut(line, ": "); ok {
			if n, err := strconv.Atoi(v); err == nil {
				out[k] = n
			}
		}
	}
	return out
}

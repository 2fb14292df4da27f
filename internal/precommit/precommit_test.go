// Package precommit tests the repository's .pre-commit-hooks.yaml with the
// real pre-commit tool.
package precommit

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
)

const faulty = `server s0 10.0.0.9:8080
defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout http-request 10s

frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app

backend be_app
    server s1 127.0.0.1:8081 check
`

// TestHookWithRealPreCommit runs the golang hook through `pre-commit
// try-repo` against this checkout, in a scratch git repository: it must fail
// on a faulty haproxy.cfg with hapguard's diagnostics, then pass once the
// file is fixed.
func TestHookWithRealPreCommit(t *testing.T) {
	testbin.Require(t, "pre-commit", "pre-commit")
	repoRoot, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	scratch := t.TempDir()
	git(t, scratch, "init", "-q")
	cfg := filepath.Join(scratch, "haproxy.cfg")
	writeFile(t, cfg, faulty)
	git(t, scratch, "add", "haproxy.cfg")

	out, err := tryRepo(t, repoRoot, scratch)
	if err == nil || !strings.Contains(out, "haproxy.cfg:1:1: error:") || !strings.Contains(out, "[HG004]") {
		t.Fatalf("hook on a faulty file: err=%v, want a failure with HG004 at haproxy.cfg:1:1; output:\n%s", err, out)
	}
	writeFile(t, cfg, strings.TrimPrefix(faulty, "server s0 10.0.0.9:8080\n"))
	git(t, scratch, "add", "haproxy.cfg")
	if out, err := tryRepo(t, repoRoot, scratch); err != nil {
		t.Fatalf("hook on the fixed file failed: %v\n%s", err, out)
	}
}

func tryRepo(t *testing.T, repoRoot, scratch string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pre-commit", "try-repo", repoRoot, "hapguard", "--files", "haproxy.cfg", "--verbose")
	cmd.Dir = scratch
	cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+preCommitHome(t), "GOMODCACHE="+goEnv(t, "GOMODCACHE"),
		"GOFLAGS=-mod=mod", "GIT_CONFIG_GLOBAL=/dev/null")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// preCommitHome is shared by both runs of one test, so the hook's Go
// environment is built once.
func preCommitHome(t *testing.T) string {
	dir := filepath.Join(os.TempDir(), "hapguard-precommit-test-home")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func goEnv(t *testing.T, key string) string {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", key, err)
	}
	return strings.TrimSpace(string(out))
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-c", "user.name=t", "-c", "user.email=t@example.invalid"}, args...)...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

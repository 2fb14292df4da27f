package rules

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// haproxyVerdict is the outcome of one `haproxy -c` run.
type haproxyVerdict struct {
	exit  int
	alert string // the first [ALERT] line, if any
	out   string // everything haproxy printed
	err   error  // the run itself failed: not started, timed out, killed
}

// accepted: 0 is valid, 2 is valid but with nothing to listen on.
func (v haproxyVerdict) accepted() bool { return v.err == nil && (v.exit == 0 || v.exit == 2) }

func (v haproxyVerdict) rejected() bool { return v.err == nil && v.exit == 1 }

// runHAProxyCheck runs `haproxy -c -dr` on files, in a scratch directory,
// with only the given environment. -dr keeps the verdict independent of the
// machine's DNS, as in the corpus index.
func runHAProxyCheck(t *testing.T, bin string, files []string, env map[string]string) haproxyVerdict {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), haproxyTimeout)
	defer cancel()
	args := []string{"-c", "-dr"}
	for _, f := range files {
		abs, err := filepath.Abs(f)
		if err != nil {
			return haproxyVerdict{err: fmt.Errorf("path %s: %w", f, err)}
		}
		args = append(args, "-f", abs)
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = t.TempDir()
	cmd.Env = []string{"PATH=/usr/sbin:/usr/bin:/bin"}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	v := haproxyVerdict{alert: firstAlert(string(out)), out: string(out)}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		v.err = fmt.Errorf("timed out after %s", haproxyTimeout)
	case errors.As(err, &exit) && exit.Exited():
		v.exit = exit.ExitCode()
	case err != nil:
		v.err = fmt.Errorf("run %s: %w (output: %s)", bin, err, strings.TrimSpace(string(out)))
	}
	return v
}

// firstAlert returns the first [ALERT] line of haproxy's output.
func firstAlert(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "[ALERT]") {
			return strings.TrimSpace(line)
		}
	}
	return "(no ALERT line)"
}

// forEachBounded calls f(0) to f(n-1) concurrently, at most cap(sem) at a
// time over every caller sharing sem, and returns when all are done.
func forEachBounded(sem chan struct{}, n int, f func(i int)) {
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			f(i)
		}()
	}
	wg.Wait()
}

package agent

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childArgsEnv carries the arguments when the test binary runs as the agent
// process itself (see TestMain), so that a test can SIGKILL a real agent.
const childArgsEnv = "HAPGUARD_AGENT_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childArgsEnv); args != "" {
		os.Exit(Main(context.Background(), strings.Split(args, "\n"), os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// childFlags turns cfg into the agent's command line.
func childFlags(cfg Config) []string {
	return []string{
		"--spoe-listen", cfg.SPOEListen, "--syslog-listen", cfg.SyslogListen,
		"--haproxy-socket", cfg.HAProxySocket, "--poll-interval", cfg.PollInterval.String(),
		"--http-listen", cfg.HTTPListen, "--resolve-after", cfg.Detection.ResolveAfter.String(),
		"--shutdown-timeout", cfg.ShutdownTimeout.String(),
	}
}

// startChildAgent runs the agent as a separate process (this test binary
// re-executed) and waits for its HTTP API. It returns the process.
func startChildAgent(t *testing.T, cfg Config, logs *syncBuffer) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(childFlags(cfg), "\n"))
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start agent process: %v", err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
	})
	for range 250 {
		if resp, err := http.Get("http://" + cfg.HTTPListen + "/api/v1/anomalies"); err == nil {
			resp.Body.Close()
			return cmd
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("agent process did not serve its API within 5s; log:\n%s", logs.String())
	return nil
}

// waitMetric polls /metrics until a line starts with prefix.
func waitMetric(t *testing.T, api, prefix string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		_, body := httpGet(t, api+"/metrics")
		for _, l := range strings.Split(body, "\n") {
			if strings.HasPrefix(l, prefix) {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no metric %s within %v", prefix, timeout)
}

func describeCmd(cmd *exec.Cmd) string {
	return fmt.Sprintf("pid %d", cmd.Process.Pid)
}

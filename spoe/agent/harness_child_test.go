package agent

import (
	"context"
	"fmt"
	"github.com/hapguard/hapguard/internal/testnet"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// childConfigEnv carries the configuration file when the test binary runs
// as the agent process itself (see TestMain), so that a test can SIGKILL a
// real agent.
const childConfigEnv = "HAPGUARD_AGENT_TEST_CHILD_CONFIG"

func TestMain(m *testing.M) {
	if path := os.Getenv(childConfigEnv); path != "" {
		os.Exit(runChild(path))
	}
	os.Exit(m.Run())
}

// runChild runs the agent on the configuration file at path, as the
// command line does (exit 1 on a failure).
func runChild(path string) int {
	cfg, err := LoadConfigFile(path, DefaultConfig())
	if err == nil {
		cfg.Normalize()
		err = Serve(context.Background(), cfg, cfg.Validate, slog.New(slog.NewJSONHandler(os.Stderr, nil)))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// childConfigFile writes cfg as the agent's YAML configuration file.
func childConfigFile(t *testing.T, cfg Config) string {
	t.Helper()
	data, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "agent.yaml", string(data))
}

// startChildAgent runs the agent as a separate process (this test binary
// re-executed) and waits for its HTTP API. It returns the process.
func startChildAgent(t *testing.T, cfg Config, logs *testnet.SyncBuffer) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childConfigEnv+"="+childConfigFile(t, cfg))
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

package cli

import (
	"github.com/hapguard/hapguard/internal/testnet"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childArgsEnv carries the command line when the test binary runs as
// hapguard itself (see TestMain), so that tests can signal a real process.
const childArgsEnv = "HAPGUARD_CLI_TEST_CHILD_ARGS"

// freeAddr returns a loopback host:port nobody listens on right now.
func freeAddr(t *testing.T, network string) string {
	t.Helper()
	if network == "udp" {
		c, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		return c.LocalAddr().String()
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startAgentProcess runs `hapguard agent args...` as its own process, as
// systemd would, and waits until its HTTP API at httpAddr answers.
func startAgentProcess(t *testing.T, httpAddr string, logs *testnet.SyncBuffer, args ...string) (*exec.Cmd, <-chan error) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join(append([]string{"agent", "--http-listen", httpAddr}, args...), "\n"))
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	for range 250 {
		select {
		case err := <-exited:
			t.Fatalf("agent exited early: %v; log:\n%s", err, logs.String())
		default:
		}
		if resp, err := http.Get("http://" + httpAddr + "/api/v1/anomalies"); err == nil {
			resp.Body.Close()
			return cmd, exited
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s not served within 5s", httpAddr)
	return nil, nil
}

func agentArgs(t *testing.T) []string {
	return []string{"--spoe-listen", "tcp://" + freeAddr(t, "tcp"), "--syslog-listen", "udp://" + freeAddr(t, "udp"), "--shutdown-timeout", "2s"}
}

// TestSIGTERMStopsGracefullyWithExitZero stops the agent process with
// SIGTERM.
func TestSIGTERMStopsGracefullyWithExitZero(t *testing.T) {
	var logs testnet.SyncBuffer
	cmd, exited := startAgentProcess(t, freeAddr(t, "tcp"), &logs, agentArgs(t)...)
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v (want status 0); log:\n%s", err, logs.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("still running 5s after SIGTERM; log:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), `"msg":"agent stopped"`) {
		t.Errorf("no 'agent stopped' line; log:\n%s", logs.String())
	}
}

// TestSIGHUPRechecksTheConfigurationAndKeepsRunning sends SIGHUP twice: with
// the configuration file still valid, then broken. The agent logs each
// result, keeps serving, and still stops with exit 0 on SIGTERM.
func TestSIGHUPRechecksTheConfigurationAndKeepsRunning(t *testing.T) {
	var logs testnet.SyncBuffer
	httpAddr := freeAddr(t, "tcp")
	cfgFile := writeTestFile(t, "agent.yaml", "queue_size: 1000\n")
	cmd, exited := startAgentProcess(t, httpAddr, &logs, append(agentArgs(t), "--config", cfgFile)...)

	cmd.Process.Signal(syscall.SIGHUP)
	waitLog(t, &logs, "SIGHUP: the configuration is valid")
	if err := os.WriteFile(cfgFile, []byte("queue_size: lots\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGHUP)
	waitLog(t, &logs, `queue_size: \"lots\" is not a whole number`)
	if resp, err := http.Get("http://" + httpAddr + "/api/v1/anomalies"); err != nil {
		t.Fatalf("agent stopped serving after SIGHUP: %v; log:\n%s", err, logs.String())
	} else {
		resp.Body.Close()
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit %v after SIGHUP and SIGTERM, want 0; log:\n%s", err, logs.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("still running 5s after SIGTERM; log:\n%s", logs.String())
	}
}

func waitLog(t *testing.T, logs *testnet.SyncBuffer, want string) {
	t.Helper()
	for range 250 {
		if strings.Contains(logs.String(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no log line with %q within 5s; log:\n%s", want, logs.String())
}

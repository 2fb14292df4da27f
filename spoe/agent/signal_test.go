package agent

import (
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestSIGTERMStopsGracefullyWithExitZero runs Main as its own process, as
// systemd would, and stops it with SIGTERM.
func TestSIGTERMStopsGracefullyWithExitZero(t *testing.T) {
	cfg := loopbackConfig(t)
	var logs syncBuffer
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), childArgsEnv+"="+strings.Join([]string{
		"--spoe-listen", cfg.SPOEListen, "--syslog-listen", cfg.SyslogListen,
		"--http-listen", cfg.HTTPListen, "--shutdown-timeout", "2s",
	}, "\n"))
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer cmd.Process.Kill()
	waitServing(t, "http://"+cfg.HTTPListen+"/api/v1/anomalies", exited)

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

func waitServing(t *testing.T, url string, exited <-chan error) {
	t.Helper()
	for range 250 {
		select {
		case err := <-exited:
			t.Fatalf("agent exited early: %v", err)
		default:
		}
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s not served within 5s", url)
}

package agent

import (
	"bytes"
	"context"
	"fmt"
	"github.com/hapguard/hapguard/internal/testnet"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// haproxyProcess is a real HAProxy in the foreground, stopped at cleanup.
type haproxyProcess struct {
	cmd    *exec.Cmd
	output *bytes.Buffer
	done   chan struct{}
}

// startHAProxy writes files into dir, checks dir/haproxy.cfg followed by
// dir/haproxy-hapguard.cfg with `haproxy -c`, starts bin on them, and waits
// until addr accepts connections.
func startHAProxy(t *testing.T, bin, dir string, files map[string]string, addr string) *haproxyProcess {
	t.Helper()
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return startHAProxyWith(t, bin, dir, addr, "-db")
}

// startHAProxyWith checks dir/haproxy.cfg, followed by dir/haproxy-hapguard.cfg
// when it exists, with bin -c, starts bin with args and the configuration,
// and waits until addr accepts connections.
func startHAProxyWith(t *testing.T, bin, dir, addr string, args ...string) *haproxyProcess {
	t.Helper()
	cfg := filepath.Join(dir, "haproxy.cfg")
	cfgs := []string{"-f", cfg}
	if extra := filepath.Join(dir, wiring.ExtraFileName); fileExists(extra) {
		cfgs = append(cfgs, "-f", extra)
	}
	if out, err := exec.Command(bin, append([]string{"-c"}, cfgs...)...).CombinedOutput(); err != nil {
		content, _ := os.ReadFile(cfg)
		t.Fatalf("haproxy -c rejects the config: %v\n%s\n--- config:\n%s", err, out, content)
	}
	p := &haproxyProcess{output: &bytes.Buffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(bin, append(args, cfgs...)...)
	p.cmd.Dir = dir
	p.cmd.Stdout, p.cmd.Stderr = p.output, p.output
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start haproxy: %v", err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	t.Cleanup(func() { p.stop(t) })
	waitListening(t, addr, p.done)
	return p
}

func waitListening(t *testing.T, addr string, exited <-chan struct{}) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			t.Fatalf("haproxy exited before listening on %s", addr)
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("haproxy did not listen on %s within 10s", addr)
}

// stop terminates HAProxy and waits (bounded) for it to exit.
func (p *haproxyProcess) stop(t *testing.T) {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
	if t.Failed() {
		t.Logf("haproxy output:\n%s", p.output.String())
	}
}

// runAgent runs the agent in-process until the test ends, returning a
// cancel function that stops it early and waits for it.
func runAgent(t *testing.T, cfg Config, logs *testnet.SyncBuffer) (stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- Run(ctx, cfg, newTestLogger(logs)) }()
	var stopped bool
	var result error
	stop = func() error {
		if stopped {
			return result
		}
		stopped = true
		cancel()
		select {
		case result = <-errc:
		case <-time.After(15 * time.Second):
			result = fmt.Errorf("agent did not stop within 15s")
		}
		return result
	}
	t.Cleanup(func() {
		if err := stop(); err != nil {
			t.Errorf("agent: %v", err)
		}
	})
	return stop
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// haproxyBinary returns Debian's HAProxy 2.6, for the tests that run on one
// version only.
func haproxyBinary(t *testing.T) string {
	t.Helper()
	return testbin.HAProxy(t, "2.6")
}

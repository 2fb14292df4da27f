package runtimeapi

import (
	"bufio"
	"context"
	"net"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus"
)

// fakeSocket is a stats socket on a unix path that answers the n-th
// connection (from 0) with answer(n), after checking the command.
type fakeSocket struct {
	path  string
	conns atomic.Int64
	bad   atomic.Value // first unexpected command, if any
}

func newFakeSocket(t *testing.T, answer func(n int) string) *fakeSocket {
	t.Helper()
	fs := &fakeSocket{path: filepath.Join(t.TempDir(), "s.sock")}
	ln, err := net.Listen("unix", fs.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go fs.serve(c, answer(int(fs.conns.Add(1)-1)))
		}
	}()
	return fs
}

func (fs *fakeSocket) serve(c net.Conn, answer string) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	line, _ := bufio.NewReader(c).ReadString('\n')
	if line != statCommand {
		fs.bad.CompareAndSwap(nil, line)
	}
	if answer == "hang" {
		_, _ = c.Read(make([]byte, 1)) // until the client gives up
		return
	}
	_, _ = c.Write([]byte(answer))
}

const header = "# pxname,svname,status,check_status,hrsp_5xx,type\n"

func answer(pid int, rows ...string) string {
	return "Pid: " + string(rune('0'+pid)) + "\n\n" + header + strings.Join(rows, "\n") + "\n\n"
}

func runPoller(t *testing.T, cfg Config, sink event.Sink) (*Poller, *prometheus.Registry, context.CancelFunc) {
	t.Helper()
	reg := prometheus.NewRegistry()
	p, err := New(cfg, sink, reg, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run returned %v, want nil", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not return within 5s of cancellation")
		}
	})
	return p, reg, cancel
}

// waitFor polls cond every 10ms for at most limit.
func waitFor(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// counterValue returns a registered counter's value, failing the test when
// it is not registered.
func counterValue(t *testing.T, reg *prometheus.Registry, name string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name && len(mf.GetMetric()) == 1 {
			return mf.GetMetric()[0].GetCounter().GetValue()
		}
	}
	t.Fatalf("counter %s not registered", name)
	return 0
}

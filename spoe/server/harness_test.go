package server

import (
	"bufio"
	"context"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// testServer is a running Server on loopback with its queue and registry.
type testServer struct {
	srv     *Server
	addr    net.Addr
	queue   *event.Queue
	reg     *prometheus.Registry
	stopped chan error
	cancel  context.CancelFunc
}

func startServer(t testing.TB, cfg Config) *testServer {
	t.Helper()
	if cfg.Address == "" {
		cfg.Address = "tcp://127.0.0.1:0"
	}
	ts := &testServer{queue: event.NewQueue(64), reg: prometheus.NewRegistry(), stopped: make(chan error, 1)}
	srv, err := New(cfg, ts.queue, ts.reg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if ts.addr, err = srv.Listen(); err != nil {
		t.Fatalf("Listen: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ts.srv, ts.cancel = srv, cancel
	go func() { ts.stopped <- srv.Run(ctx) }()
	t.Cleanup(func() { ts.stop(t) })
	return ts
}

// stop cancels Run and waits, bounded, for it to return.
func (ts *testServer) stop(t testing.TB) error {
	t.Helper()
	ts.cancel()
	select {
	case err, ok := <-ts.stopped:
		if ok {
			close(ts.stopped)
		}
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return within 10s of cancel")
		return nil
	}
}

// client is one SPOP connection with a deadline on every exchange.
type client struct {
	t    testing.TB
	conn net.Conn
	r    *bufio.Reader
}

func dial(t testing.TB, addr net.Addr) *client {
	t.Helper()
	c, err := net.DialTimeout(addr.Network(), addr.String(), 2*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { c.Close() })
	return &client{t: t, conn: c, r: bufio.NewReader(c)}
}

func (c *client) send(b []byte) error {
	_ = c.conn.SetWriteDeadline(time.Now().Add(2 * time.Second))
	_, err := c.conn.Write(b)
	return err
}

func (c *client) receive() (received, error) {
	_ = c.conn.SetReadDeadline(time.Now().Add(3 * time.Second))
	return readFrame(c.r)
}

// handshake sends a HELLO and expects an AGENT-HELLO.
func (c *client) handshake(maxFrameSize uint32) {
	c.t.Helper()
	if err := c.send(helloFrame(maxFrameSize)); err != nil {
		c.t.Fatalf("send hello: %v", err)
	}
	f, err := c.receive()
	if err != nil || f.typ != typeAgentHello {
		c.t.Fatalf("want AGENT-HELLO, got type %#x, err %v", f.typ, err)
	}
}

// waitCounter polls c until it reaches want, bounded to two seconds.
func waitCounter(t *testing.T, c prometheus.Collector, want float64) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		if testutil.ToFloat64(c) >= want {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("counter at %v, want %v", testutil.ToFloat64(c), want)
}

func testutilValue(c prometheus.Collector) float64 { return testutil.ToFloat64(c) }

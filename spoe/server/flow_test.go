package server

import (
	"bufio"
	"log/slog"
	"net"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// pipeServer serves one end of a synchronous in-memory pipe (no socket
// buffers: an unread ACK blocks its writer) and returns the other end.
func pipeServer(t *testing.T, cfg Config) (*client, *metrics, <-chan struct{}) {
	t.Helper()
	cfg = cfg.withDefaults()
	m, err := newMetrics(nil)
	if err != nil {
		t.Fatal(err)
	}
	h := newHandler(cfg, event.NewQueue(1024), m, slog.New(slog.DiscardHandler))
	peer, conn := net.Pipe()
	t.Cleanup(func() { peer.Close() })
	done := make(chan struct{})
	go func() {
		defer close(done)
		serveConn(newGuard(conn, cfg.limits(), m), h.handle, m, slog.New(slog.DiscardHandler))
	}()
	return &client{t: t, conn: peer, r: bufio.NewReader(peer)}, m, done
}

func TestUnreadACKsStopTheReader(t *testing.T) {
	const limit, sent = 4, 20
	c, m, _ := pipeServer(t, Config{MaxInFlight: limit, WriteTimeout: 10 * time.Second})
	c.handshake(16380)
	go func() { // writes block once the server stops reading; the cleanup unblocks them
		for i := range sent {
			if c.send(notifyFrame(uint64(i+1), 1, responseMessage("be", "s", 200))) != nil {
				return
			}
		}
	}()
	waitCounter(t, m.backpressure, 1)
	if got := testutil.ToFloat64(m.messages); got > limit {
		t.Errorf("%v NOTIFYs handled while no ACK was read, want at most %d", got, limit)
	}
	for range sent { // reading the ACKs lets every NOTIFY through
		if _, err := c.receive(); err != nil {
			t.Fatalf("read ack: %v", err)
		}
	}
	waitCounter(t, m.messages, sent)
}

func TestPeerThatNeverReadsIsDropped(t *testing.T) {
	c, _, done := pipeServer(t, Config{WriteTimeout: 50 * time.Millisecond})
	if err := c.send(helloFrame(16380)); err != nil { // the AGENT-HELLO is never read
		t.Fatal(err)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("connection still served 5s after a write timeout of 50ms")
	}
}

package server

import (
	"testing"
	"time"
)

// TestSilentConnectionsGiveWayAtTheLimit fills the limit with connections
// that never send HELLO: a new one still gets its AGENT-HELLO, in the place
// of the oldest silent one.
func TestSilentConnectionsGiveWayAtTheLimit(t *testing.T) {
	ts := startServer(t, Config{MaxConnections: 4})
	var silent []*client
	for range 4 {
		silent = append(silent, dial(t, ts.addr))
	}
	waitCounter(t, ts.srv.metrics.connsActive, 4)
	dial(t, ts.addr).handshake(16380)
	waitCounter(t, ts.srv.metrics.connsEvicted.WithLabelValues(EvictNoHello), 1)
	expectClosed(t, silent[0])
	if got := testutilValue(ts.srv.metrics.connsRejected); got != 0 {
		t.Errorf("%v connections rejected, want 0", got)
	}
}

// TestIdleConnectionsGiveWayAtTheLimit: established connections idle for
// longer than the hello timeout make room too; busy ones do not.
func TestIdleConnectionsGiveWayAtTheLimit(t *testing.T) {
	ts := startServer(t, Config{MaxConnections: 2, HelloTimeout: time.Second})
	idle := dial(t, ts.addr)
	idle.handshake(16380)
	time.Sleep(1100 * time.Millisecond)
	busy := dial(t, ts.addr)
	busy.handshake(16380)
	dial(t, ts.addr).handshake(16380)
	waitCounter(t, ts.srv.metrics.connsEvicted.WithLabelValues(EvictIdle), 1)
	expectClosed(t, idle)
	// Now both connections are fresh: a third one is refused.
	expectClosed(t, dial(t, ts.addr))
	waitCounter(t, ts.srv.metrics.connsRejected, 1)
}

// TestHelloAndIdleTimeoutsCloseConnections: a connection that never sends
// HELLO, and one that goes quiet after it, are closed.
func TestHelloAndIdleTimeoutsCloseConnections(t *testing.T) {
	ts := startServer(t, Config{HelloTimeout: 200 * time.Millisecond, IdleTimeout: 400 * time.Millisecond})
	silent := dial(t, ts.addr)
	quiet := dial(t, ts.addr)
	quiet.handshake(16380)
	start := time.Now()
	expectClosed(t, silent)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("closed after %v, want about 200ms", d)
	}
	expectClosed(t, quiet)
	if d := time.Since(start); d < 300*time.Millisecond || d > 2500*time.Millisecond {
		t.Errorf("idle connection closed after %v, want about 400ms", d)
	}
}

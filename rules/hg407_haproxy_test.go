package rules

import (
	"errors"
	"fmt"
	"io"
	"net"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
)

// TestTunnelTimeoutZeroOnHAProxy backs HG407's "timeout tunnel 0" finding
// against real HAProxy 2.6 and 3.4: with it, an idle tunnel (mode tcp) is
// still cut after timeout client/server (300ms here), exactly as without a
// tunnel timeout, while "timeout tunnel 5s" keeps it open.
func TestTunnelTimeoutZeroOnHAProxy(t *testing.T) {
	for _, branch := range []string{"2.6", "3.4"} {
		t.Run(branch, func(t *testing.T) {
			bin := testbin.HAProxy(t, branch)
			for tunnel, wantOpen := range map[string]bool{"timeout tunnel 0": false, "timeout tunnel 5s": true, "": false} {
				if open := tunnelOpenAfter(t, bin, tunnel, 1500*time.Millisecond); open != wantOpen {
					t.Errorf("%q: idle tunnel open after 1.5s = %v, want %v", tunnel, open, wantOpen)
				}
			}
		})
	}
}

// tunnelOpenAfter opens a TCP tunnel through HAProxy to a server that
// never speaks, stays idle for idle, and reports whether the connection is
// still open.
func tunnelOpenAfter(t *testing.T, bin, tunnel string, idle time.Duration) bool {
	t.Helper()
	server, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	go func() {
		for {
			c, err := server.Accept()
			if err != nil {
				return
			}
			go func() { _, _ = io.Copy(io.Discard, c); c.Close() }()
		}
	}()
	front := freeLoopbackPort(t)
	cfg := fmt.Sprintf(`defaults
    mode tcp
    timeout connect 1s
    timeout client 300ms
    timeout server 300ms
listen li
    bind 127.0.0.1:%d
    %s
    server s1 %s
`, front, tunnel, server.Addr())
	defer testbin.RunHAProxy(t, bin, cfg)()
	conn := dialUntil(t, fmt.Sprintf("127.0.0.1:%d", front), 3*time.Second)
	defer conn.Close()
	if _, err := conn.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(idle))
	_, err = conn.Read(make([]byte, 1))
	var ne net.Error // a read deadline expiring: open and silent, not EOF or reset
	return errors.As(err, &ne) && ne.Timeout()
}

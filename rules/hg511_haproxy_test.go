package rules

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
)

// TestKeepAliveRaceOnHAProxy plays HG511's case against real HAProxy 2.6
// and 3.4: a server answers the first request of a connection and closes
// it when the second arrives (its keep-alive timeout striking as HAProxy
// reuses the connection). Without retry-on empty-response the client's
// second request gets no answer at all, its connection closed; with it,
// HAProxy replays the request on a new connection and the client gets 200.
func TestKeepAliveRaceOnHAProxy(t *testing.T) {
	for _, branch := range []string{"2.6", "3.4"} {
		t.Run(branch, func(t *testing.T) {
			bin := testbin.HAProxy(t, branch)
			for retryOn, want := range map[string]string{
				"":                                     "closed without answer",
				"retry-on conn-failure empty-response": "200",
			} {
				if got := keepAliveRace(t, bin, retryOn); got != want {
					t.Errorf("%q: second request on a reused connection: got %s, want %s", retryOn, got, want)
				}
			}
		})
	}
}

// keepAliveRace runs HAProxy in front of closeOnSecond and returns what a
// client's second request on one connection gets.
func keepAliveRace(t *testing.T, bin, retryOn string) string {
	t.Helper()
	server, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer server.Close()
	go closeOnSecond(server)
	front := freeLoopbackPort(t)
	cfg := fmt.Sprintf(`defaults
    mode http
    timeout connect 2s
    timeout client 5s
    timeout server 5s
frontend fe
    bind 127.0.0.1:%d
    default_backend be
backend be
    %s
    server s1 %s
`, front, retryOn, server.Addr())
	defer testbin.RunHAProxy(t, bin, cfg)()
	conn := dialUntil(t, fmt.Sprintf("127.0.0.1:%d", front), 3*time.Second)
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(4 * time.Second))
	r := bufio.NewReader(conn)
	if got := roundTrip(conn, r); got != "200" {
		t.Fatalf("first request: got %s, want 200", got)
	}
	return roundTrip(conn, r)
}

// closeOnSecond serves each connection's first request and closes the
// connection when the second one arrives, without answering it.
func closeOnSecond(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(5 * time.Second))
			r := bufio.NewReader(c)
			for n := 1; n <= 2; n++ {
				req, err := http.ReadRequest(r)
				if err != nil || n == 2 {
					return
				}
				_, _ = io.Copy(io.Discard, req.Body)
				_, _ = io.WriteString(c, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
			}
		}()
	}
}

// roundTrip sends one request and returns the response status code, or
// "closed without answer".
func roundTrip(conn net.Conn, r *bufio.Reader) string {
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		return "closed without answer"
	}
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		if err == io.EOF || err == io.ErrUnexpectedEOF || strings.Contains(err.Error(), "reset") {
			return "closed without answer"
		}
		return "error: " + err.Error()
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return fmt.Sprint(resp.StatusCode)
}

// freeLoopbackPort returns a loopback TCP port nobody listens on now.
func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// dialUntil connects to addr, retrying while HAProxy starts, for at most
// limit.
func dialUntil(t *testing.T, addr string, limit time.Duration) net.Conn {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		c, err := net.DialTimeout("tcp", addr, 500*time.Millisecond)
		if err == nil {
			return c
		}
		if time.Now().After(deadline) {
			t.Fatalf("HAProxy did not listen on %s within %s: %v", addr, limit, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

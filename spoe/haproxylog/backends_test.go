package haproxylog

import (
	"bufio"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// backendDeadline bounds every connection a test backend serves.
const backendDeadline = 10 * time.Second

// startBackend serves behave on every connection accepted on a loopback port
// and returns the address. Everything stops when the test ends.
func startBackend(t *testing.T, behave func(net.Conn)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer conn.Close()
				conn.SetDeadline(time.Now().Add(backendDeadline))
				behave(conn)
			})
		}
	})
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	return ln.Addr().String()
}

// closedAddr returns a loopback address nothing listens on.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// readRequest consumes one HTTP request head.
func readRequest(conn net.Conn) bool {
	_, err := http.ReadRequest(bufio.NewReader(conn))
	return err == nil
}

// answer returns a behaviour that replies with the raw response text.
func answer(response string) func(net.Conn) {
	return func(conn net.Conn) {
		if readRequest(conn) {
			conn.Write([]byte(response))
		}
	}
}

// abortBeforeHeaders reads the request and closes without answering (SH).
func abortBeforeHeaders(conn net.Conn) { readRequest(conn) }

// hang reads the request and waits until HAProxy gives up (sH).
func hang(conn net.Conn) {
	if readRequest(conn) {
		var b [1]byte
		conn.Read(b[:]) // returns when HAProxy closes or the deadline passes
	}
}

const (
	okResponse      = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
	errorResponse   = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
	garbageResponse = "this is not HTTP at all\r\n\r\n"
)

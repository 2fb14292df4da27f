// Package testnet holds the small helpers that network tests share: free
// loopback ports and a buffer that a logger and a test read concurrently.
// Tests bind loopback only.
package testnet

import (
	"bytes"
	"io"
	"math/rand/v2"
	"net"
	"strconv"
	"sync"
	"testing"
)

// Free ports are picked at random below the kernel's ephemeral range
// (32768-60999 on Linux): a port from that range, as a bind to port 0
// returns, can be taken as the source port of any connection another test
// opens before the HAProxy or agent under test binds it.
const (
	portLow  = 20000
	portHigh = 32000
	attempts = 200
)

// FreeTCPPort returns a loopback TCP port nobody listens on right now.
func FreeTCPPort(t testing.TB) int {
	t.Helper()
	return freePort(t, func(addr string) (io.Closer, error) { return net.Listen("tcp", addr) })
}

// FreeUDPPort returns a loopback UDP port nobody listens on right now.
func FreeUDPPort(t testing.TB) int {
	t.Helper()
	return freePort(t, func(addr string) (io.Closer, error) { return net.ListenPacket("udp", addr) })
}

// freePort tries random ports of the range until bind succeeds.
func freePort(t testing.TB, bind func(addr string) (io.Closer, error)) int {
	t.Helper()
	for range attempts {
		port := portLow + rand.IntN(portHigh-portLow)
		c, err := bind(net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
		if err == nil {
			c.Close()
			return port
		}
	}
	t.Fatalf("no free loopback port in %d-%d after %d tries", portLow, portHigh, attempts)
	return 0
}

// SyncBuffer is a bytes.Buffer safe for concurrent writers and readers
// (a logger or a child process writing, the test reading).
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns everything written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

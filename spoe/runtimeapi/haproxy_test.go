package runtimeapi

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/spoe/event"
)

// haproxyBinary returns the HAProxy to test against. In CI a missing binary
// fails the test; elsewhere it skips it.
func haproxyBinary(t *testing.T) string {
	t.Helper()
	return testbin.Require(t, "haproxy", "haproxy")
}

// closedPort returns a loopback TCP port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

// liveListener accepts and closes connections until the test ends, which
// passes HAProxy's layer-4 check.
func liveListener(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
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
			c.Close()
		}
	}()
	return ln
}

const haproxyConfig = `global
    stats socket %[1]s mode 600 level admin
    stats socket ipv4@127.0.0.1:%[2]d level user
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
backend be_api
    server s_live %[3]s check inter 200ms fall 2 rise 1
    server s_dead 127.0.0.1:%[4]d check inter 200ms fall 2 rise 1
`

// startHAProxy runs HAProxy in the foreground until the test ends and
// returns its unix stats socket path and its TCP stats address.
func startHAProxy(t *testing.T, live string) (unixPath, tcpAddr string) {
	t.Helper()
	bin := haproxyBinary(t)
	dir := t.TempDir()
	unixPath = filepath.Join(dir, "stats.sock")
	tcpPort := closedPort(t)
	testbin.RunHAProxy(t, bin, fmt.Sprintf(haproxyConfig, unixPath, tcpPort, live, closedPort(t)))
	waitFor(t, 10*time.Second, "HAProxy's stats socket", func() bool {
		_, err := os.Stat(unixPath)
		return err == nil
	})
	return unixPath, fmt.Sprintf("127.0.0.1:%d", tcpPort)
}

func TestRealHAProxy(t *testing.T) {
	live := liveListener(t)
	unixPath, tcpAddr := startHAProxy(t, live.Addr().String())
	q := event.NewQueue(64)
	p, _, _ := runPoller(t, Config{Address: unixPath, Interval: MinInterval}, q)

	collect := newEventLog(q)
	deadDown := "be_api/s_dead DOWN L4CON server_down"
	collect.waitFor(t, deadDown)
	row := p.Snapshot().Rows[BackendServer{"be_api", "s_live"}]
	if row.State() != event.StateUp || row.CheckStatus != "L4OK" {
		t.Errorf("s_live in snapshot: status %q check %q, want UP with L4OK", row.Status, row.CheckStatus)
	}

	live.Close() // the last server goes: the backend has no server UP
	collect.waitFor(t, "be_api/s_live DOWN L4CON server_down", "be_api/ DOWN  no_server_up")
	if collect.count(deadDown) != 1 {
		t.Errorf("events %q, want %q exactly once", collect.seen, deadDown)
	}

	st, err := Query(context.Background(), "tcp", tcpAddr, 2*time.Second, DefaultMaxResponseBytes)
	if err != nil {
		t.Fatalf("query over TCP: %v", err)
	}
	if st.Pid == 0 || len(st.Rows) != 3 {
		t.Errorf("TCP answer: pid %d, %d rows; want a pid and 3 rows", st.Pid, len(st.Rows))
	}
}

// eventLog gathers events as short strings.
type eventLog struct {
	q    *event.Queue
	seen []string
}

func newEventLog(q *event.Queue) *eventLog { return &eventLog{q: q} }

// waitFor reads events for at most 10 seconds until all of want were seen.
func (l *eventLog) waitFor(t *testing.T, want ...string) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for !l.hasAll(want) {
		select {
		case e := <-l.q.Events():
			l.seen = append(l.seen, fmt.Sprintf("%s/%s %v %s %v", e.Backend, e.Server, e.State, e.CheckStatus, e.Cause))
		case <-timeout:
			t.Fatalf("after 10s, events %q lack some of %q", l.seen, want)
		}
	}
}

func (l *eventLog) hasAll(want []string) bool {
	for _, w := range want {
		if l.count(w) == 0 {
			return false
		}
	}
	return true
}

func (l *eventLog) count(s string) int {
	n := 0
	for _, e := range l.seen {
		if strings.TrimSpace(e) == s {
			n++
		}
	}
	return n
}

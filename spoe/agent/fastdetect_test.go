package agent

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/spoe/agent/internal/backendpool"
)

// newUserBackend is be_app as a new user writes it: a plain "check"
// (inter 2s, fall 3), HAProxy's default 3 retries, no redispatch, so a
// request to a refusing server waits three one-second turn-arounds
// (timeout connect 1s, configuration manual §4.2 "retries") before its 503.
const newUserBackend = "    timeout connect 1s\n    timeout server 5s\n    retries 3\n    default-server check\n"

// TestRefusedDetectedBeforeClientsSee503: with only 4 client connections,
// a server that starts refusing connections is reported from the runtime
// API's failed-attempt counters before the first 503 reaches a client.
func TestRefusedDetectedBeforeClientsSee503(t *testing.T) {
	for _, branch := range testbin.LTSVersions {
		t.Run(branch, func(t *testing.T) { t.Parallel(); testRefusedDetected(t, branch) })
	}
}

func testRefusedDetected(t *testing.T, branch string) {
	cfg := stackAgentConfig(t, t.TempDir())
	cfg.PollInterval = DefaultConfig().PollInterval
	rs := startReloadStack(t, branch, cfg, newUserBackend)
	clients := startClients("http://"+rs.feAddr+"/", 4, 30*time.Second)
	defer clients.finish()
	time.Sleep(3 * time.Second)

	onset := time.Now()
	setMode(t, &stack{pool: rs.pool}, "s1", backendpool.Refuse)
	r, seenAt, ok := waitFor(t, rs.api, false, 8*time.Second, forServer("be_app", "s1", "connection_refused"))
	if !ok {
		body, _ := getAnomalies(rs.api)
		t.Fatalf("no connection_refused anomaly for s1 within 8s; active %+v", body.Active)
	}
	first503 := clients.first503(onset, 8*time.Second)
	t.Logf("HAProxy %s, 4 client connections, poll interval %v: %s fired %v after onset, first client 503 at %v: %s",
		branch, cfg.PollInterval, r.Kind, seenAt.Sub(onset).Round(time.Millisecond), first503.Sub(onset).Round(time.Millisecond), r.Message)
	if !seenAt.Before(first503) {
		t.Errorf("reported %v after onset, not before the first client 503 (%v)", seenAt.Sub(onset), first503.Sub(onset))
	}
}

// clients are n keep-alive connections sending requests back to back.
type clients struct {
	mu   sync.Mutex
	s503 []time.Time
	stop context.CancelFunc
	wg   sync.WaitGroup
}

func startClients(url string, n int, maxDuration time.Duration) *clients {
	ctx, cancel := context.WithTimeout(context.Background(), maxDuration)
	c := &clients{stop: cancel}
	for range n {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
				resp, err := client.Do(req)
				if err != nil {
					time.Sleep(10 * time.Millisecond)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusServiceUnavailable {
					c.mu.Lock()
					c.s503 = append(c.s503, time.Now())
					c.mu.Unlock()
				}
			}
		}()
	}
	return c
}

// first503 waits (at most limit after since) for a 503 after since.
func (c *clients) first503(since time.Time, limit time.Duration) time.Time {
	deadline := since.Add(limit)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		for _, at := range c.s503 {
			if at.After(since) {
				c.mu.Unlock()
				return at
			}
		}
		c.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
	return deadline
}

func (c *clients) finish() {
	c.stop()
	c.wg.Wait()
}

// TestConnectTimeoutDetectedBeforeClientsSee503: with 4 client
// connections, a server that stops accepting connections (SYNs dropped: a
// listener whose accept queue is full) is reported as a connect timeout from
// the runtime API's counters before the first 503 reaches a client. The
// server's address is switched at runtime (admin socket), as a host that
// vanishes would.
func TestConnectTimeoutDetectedBeforeClientsSee503(t *testing.T) {
	for _, branch := range []string{"2.6", "3.4"} {
		t.Run(branch, func(t *testing.T) { t.Parallel(); testConnectTimeoutDetected(t, branch) })
	}
}

// connectStack is be_app as a new user writes it, with an admin socket, the
// agent at its default poll interval and 4 keep-alive clients.
type connectStack struct {
	*reloadStack
	admin   string
	clients *clients
}

func startConnectStack(t *testing.T, branch string) connectStack {
	t.Helper()
	cfg := stackAgentConfig(t, t.TempDir())
	cfg.PollInterval = DefaultConfig().PollInterval
	admin := filepath.Join(t.TempDir(), "admin.sock")
	rs := startReloadStackWith(t, branch, cfg, reloadOptions{backendDefaults: newUserBackend, slow: testSlowDelay,
		global: "    stats socket " + admin + " mode 600 level admin\n"})
	c := startClients("http://"+rs.feAddr+"/", 4, 40*time.Second)
	t.Cleanup(c.finish)
	return connectStack{reloadStack: rs, admin: admin, clients: c}
}

// dropConnections points s1 at addr, a hole that drops SYNs. HAProxy 2.6
// keeps reusing idle connections to the old address: the old server goes
// away too, as a vanished host's connections would.
func (cs connectStack) dropConnections(t *testing.T, addr string) {
	t.Helper()
	setServerAddr(t, cs.admin, "be_app/s1", addr)
	setMode(t, &stack{pool: cs.pool}, "s1", backendpool.Refuse)
}

func testConnectTimeoutDetected(t *testing.T, branch string) {
	hole := blackhole(t)
	cs := startConnectStack(t, branch)
	rs, clients, cfgPoll := cs.reloadStack, cs.clients, DefaultConfig().PollInterval
	// The onset falls anywhere between two polls of the runtime API, so
	// that runs measure the whole range of detection times.
	time.Sleep(3*time.Second + rand.N(time.Second))

	onset := time.Now()
	cs.dropConnections(t, hole)
	r, seenAt, ok := waitFor(t, rs.api, false, 10*time.Second, forServer("be_app", "s1", "connect_timeout"))
	if !ok {
		body, _ := getAnomalies(rs.api)
		t.Fatalf("no connect_timeout anomaly for s1 within 10s; active %+v", body.Active)
	}
	first503 := clients.first503(onset, 10*time.Second)
	t.Logf("HAProxy %s, 4 client connections, poll interval %v: %s fired %v after onset, first client 503 at %v: %s",
		branch, cfgPoll, r.Kind, seenAt.Sub(onset).Round(time.Millisecond), first503.Sub(onset).Round(time.Millisecond), r.Message)
	if !seenAt.Before(first503) {
		t.Errorf("reported %v after onset, not before the first client 503 (%v)", seenAt.Sub(onset), first503.Sub(onset))
	}
}

// blackhole returns the loopback address of a listener that never accepts
// and whose accept queue is full, so that new connections time out.
func blackhole(t *testing.T) string { return newHole(t).addr }

// hole is a loopback listening socket whose accept queue is full: new
// connections to it time out (their SYNs are dropped) until it opens.
type hole struct {
	addr   string
	fd     int
	filler net.Conn // fills the accept queue
}

func newHole(t *testing.T) *hole {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	h := &hole{fd: fd}
	t.Cleanup(func() {
		if h.fd >= 0 {
			syscall.Close(h.fd)
		}
	})
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	h.addr = fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port)
	if h.filler, err = net.DialTimeout("tcp", h.addr, time.Second); err != nil {
		t.Fatalf("fill the accept queue of %s: %v", h.addr, err)
	}
	t.Cleanup(func() { h.filler.Close() })
	if c, err := net.DialTimeout("tcp", h.addr, 300*time.Millisecond); err == nil {
		c.Close()
		t.Fatalf("%s still accepts connections", h.addr)
	}
	return h
}

// open starts accepting on the hole and answers every request 200 after
// delay, as a host whose network came back would.
func (h *hole) open(t *testing.T, delay time.Duration) {
	t.Helper()
	f := os.NewFile(uintptr(h.fd), "hole")
	h.fd = -1
	ln, err := net.FileListener(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		time.Sleep(delay)
		io.WriteString(w, "ok\n")
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	h.filler.Close()
}

// runtimeCommand sends one command to a stats socket and returns the answer.
func runtimeCommand(socket, cmd string) (string, error) {
	c, err := net.DialTimeout("unix", socket, time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(2 * time.Second))
	if _, err := c.Write([]byte(cmd + "\n")); err != nil {
		return "", err
	}
	out, err := io.ReadAll(c)
	return string(out), err
}

// TestConnectBlipDoesNotPage: the connections of every request to s1 time
// out once (SYNs dropped for half a second, "timeout connect 1s") and their
// retries succeed: HAProxy counted several failed attempts while the server
// sent nothing, and its answers to the retries end the stall, so nothing
// fires. (Servers slower than a poll are covered in runtimeapi's stall
// tests: the stall waits twice their rtime for those answers.)
func TestConnectBlipDoesNotPage(t *testing.T) {
	for _, branch := range []string{"2.6", "3.4"} {
		t.Run(branch, func(t *testing.T) { t.Parallel(); testConnectBlip(t, branch) })
	}
}

func testConnectBlip(t *testing.T, branch string) {
	hole := newHole(t)
	cs := startConnectStack(t, branch)
	rs, admin := cs.reloadStack, cs.admin
	time.Sleep(3 * time.Second)

	onset := time.Now()
	cs.dropConnections(t, hole.addr)
	time.Sleep(500 * time.Millisecond)
	hole.open(t, 0) // the retries, a second after onset, connect
	if r, at, fired := waitFor(t, rs.api, false, 5*time.Second, forServer("be_app", "s1", "connect_timeout", "connection_refused")); fired {
		t.Errorf("%v after a half-second blip whose retries succeeded: %s", at.Sub(onset).Round(time.Millisecond), r.Message)
	}
	out, err := runtimeCommand(admin, "show stat")
	if err != nil {
		t.Fatal(err)
	}
	if wretr, econ := serverCounter(out, "be_app", "s1", "wretr"), serverCounter(out, "be_app", "s1", "econ"); wretr < 2 || econ != 0 {
		t.Errorf("HAProxy %s counted wretr %d, econ %d on s1; the blip should fail several first attempts and no request", branch, wretr, econ)
	}
}

// setServerAddr points a server at addr through the admin socket.
func setServerAddr(t *testing.T, admin, server, addr string) {
	t.Helper()
	host, port, _ := net.SplitHostPort(addr)
	out, err := runtimeCommand(admin, "set server "+server+" addr "+host+" port "+port)
	if err != nil || !strings.Contains(out, "changed") {
		t.Fatalf("set server %s addr %s: %v %q", server, addr, err, out)
	}
}

// serverCounter reads one column of a server's row in "show stat" output
// (-1 when absent).
func serverCounter(stat, backend, server, column string) int {
	lines := strings.Split(stat, "\n")
	if len(lines) == 0 {
		return -1
	}
	col := slices.Index(strings.Split(strings.TrimPrefix(lines[0], "# "), ","), column)
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if col >= 0 && len(f) > col && f[0] == backend && f[1] == server {
			n, err := strconv.Atoi(f[col])
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}

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

	"github.com/google/go-cmp/cmp"
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

func TestPollerEmitsEventsDeltasAndSnapshot(t *testing.T) {
	polls := []string{
		answer(1, "be,s1,UP,L4OK,10,2", "be,s2,UP,L4OK,0,2", "be,BACKEND,UP,,15,1"),
		answer(1, "be,s1,DOWN,L4CON,13,2", "be,s2,DOWN,L4TOUT,0,2", "be,BACKEND,DOWN,,25,1"),
	}
	fs := newFakeSocket(t, func(n int) string { return polls[min(n, len(polls)-1)] })
	deltas := make(chan Delta, 16)
	q := event.NewQueue(16)
	p, reg, _ := runPoller(t, Config{Address: fs.path, Interval: MinInterval,
		OnPoll: func(d Delta) {
			select {
			case deltas <- d:
			default: // later polls are not needed
			}
		}}, q)

	var got []string
	waitFor(t, 5*time.Second, "three events", func() bool {
		select {
		case e := <-q.Events():
			got = append(got, e.Backend+"/"+e.Server+" "+e.State.String()+" "+e.CheckStatus+" "+e.Cause.String())
		default:
		}
		return len(got) == 3
	})
	want := []string{"be/s1 DOWN L4CON server_down", "be/s2 DOWN L4TOUT server_down", "be/ DOWN  no_server_up"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	<-deltas // the baseline
	d := <-deltas
	if got := d.Counters[BackendServer{Backend: "be"}].HTTP5xx; got != 10 {
		t.Errorf("backend hrsp_5xx delta = %d, want 10", got)
	}
	if got := p.Snapshot().Rows[BackendServer{"be", "s1"}].CheckStatus; got != "L4CON" {
		t.Errorf("snapshot check status = %q, want L4CON", got)
	}
	if got := counterValue(t, reg, "hapguard_agent_runtime_poll_errors_total"); got != 0 {
		t.Errorf("poll errors = %v, want 0", got)
	}
	if bad := fs.bad.Load(); bad != nil {
		t.Errorf("poller sent %q, want %q", bad, statCommand)
	}
}

func TestPollerCountsFailures(t *testing.T) {
	huge := header + strings.Repeat("be,s1,UP,L4OK,1,2\n", 2000) + "\n"
	for name, reply := range map[string]string{
		"oversized":         huge,
		"hangs":             "hang",
		"permission denied": "Permission denied\n\n",
	} {
		t.Run(name, func(t *testing.T) {
			fs := newFakeSocket(t, func(int) string { return reply })
			_, reg, _ := runPoller(t, Config{Address: fs.path, Interval: MinInterval,
				Timeout: 200 * time.Millisecond, MaxResponseBytes: 4096}, event.NewQueue(1))
			waitFor(t, 5*time.Second, "two failed polls", func() bool {
				return counterValue(t, reg, "hapguard_agent_runtime_poll_errors_total") >= 2
			})
		})
	}
}

func TestQueryNoListener(t *testing.T) {
	_, err := Query(context.Background(), "unix", filepath.Join(t.TempDir(), "none.sock"), time.Second, 1024)
	if err == nil || !strings.Contains(err.Error(), "connect to stats socket") {
		t.Fatalf("Query error = %v, want a connect error", err)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	for name, cfg := range map[string]Config{
		"no address":     {},
		"fast interval":  {Address: "/s", Interval: time.Millisecond},
		"huge timeout":   {Address: "/s", Timeout: time.Hour},
		"negative cap":   {Address: "/s", MaxResponseBytes: -1},
		"bad tcp target": {Address: "localhost"},
	} {
		if _, err := New(cfg, event.NewQueue(1), nil, nil); err == nil {
			t.Errorf("%s: New succeeded, want an error", name)
		}
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

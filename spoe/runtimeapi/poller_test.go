package runtimeapi

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/spoe/event"
)

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

func TestPollerNoticesReload(t *testing.T) {
	fs := newFakeSocket(t, func(n int) string {
		if n == 0 {
			return answer(1, "be,BACKEND,UP,,500,1")
		}
		return answer(2, "be,BACKEND,UP,,3,1") // new process, counters restarted
	})
	reloads := make(chan Delta, 1)
	_, reg, _ := runPoller(t, Config{Address: fs.path, Interval: MinInterval, OnPoll: func(d Delta) {
		if d.Reload {
			select {
			case reloads <- d:
			default:
			}
		}
	}}, event.NewQueue(1))
	select {
	case d := <-reloads:
		if got := d.Counters[BackendServer{Backend: "be"}].HTTP5xx; got != 0 {
			t.Errorf("hrsp_5xx delta across the reload = %d, want 0", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no reload noticed within 5s")
	}
	if got := counterValue(t, reg, "hapguard_agent_runtime_reloads_total"); got != 1 {
		t.Errorf("reloads = %v, want 1", got)
	}
}

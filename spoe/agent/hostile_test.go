package agent

import (
	"context"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/runtimeapi"
)

// hostileConns is how many silent connections a local process holds to
// the SPOE port: more than the default spoe.max_connections (256).
const hostileConns = 300

// TestIdleHostileConnectionsDoNotStopHAProxysEvents: a local process holds
// 300 connections to the SPOE port that never send anything, and opens a
// new one whenever one is closed. HAProxy is then restarted, so that every
// one of its SPOE connections and health checks is new: its events keep
// arriving and the agent's server stays UP.
func TestIdleHostileConnectionsDoNotStopHAProxysEvents(t *testing.T) {
	st := startStack(t, "2.6", false, "s1")
	tr := startTraffic(st.frontend, 100, 40*time.Second)
	defer tr.finish()
	spoeSeries := `hapguard_agent_responses_total{backend="be_app",class="2xx",server="s1",source="spoe"}`
	waitMetric(t, st.api, spoeSeries, 10*time.Second)

	ctx, stopHostile := context.WithTimeout(context.Background(), 30*time.Second)
	defer stopHostile()
	dialed := holdSilentConnections(ctx, strings.TrimPrefix(st.agent.SPOEListen, "tcp://"), hostileConns)
	waitValue(t, func() float64 { return float64(dialed.Load()) }, hostileConns, 10*time.Second, "hostile connections dialed")

	dir, feAddr := st.haproxy.cmd.Dir, strings.TrimSuffix(strings.TrimPrefix(st.frontend, "http://"), "/")
	st.haproxy.stop(t)
	st.haproxy = startHAProxyWith(t, haproxyBinary(t), dir, feAddr, "-db")
	t.Cleanup(func() { st.haproxy.stop(t) })
	restarted := metricSum(t, st.api, spoeSeries)

	// Two check intervals of the agents' backend (inter 2s) and then some:
	// a rejected check would have marked the agent DOWN (fall 2).
	time.Sleep(6 * time.Second)
	if got := metricSum(t, st.api, spoeSeries); got < restarted+100 {
		t.Errorf("SPOE events after HAProxy's restart: %v, want at least 100 more than %v", got, restarted)
	}
	if state := agentServerState(t, st.agent.HAProxySocket); state != event.StateUp {
		t.Errorf("HAProxy reports the agent %v, want UP", state)
	}
	evicted := metricSum(t, st.api, "hapguard_agent_spoe_connections_evicted_total")
	t.Logf("hostile connections dialed %d, connections evicted %v, rejected %v", dialed.Load(), evicted,
		metricSum(t, st.api, "hapguard_agent_spoe_connections_rejected_total"))
	if evicted == 0 {
		t.Error("no connection was evicted: the test never reached the connection limit")
	}
}

// holdSilentConnections keeps n connections to addr open without sending a
// byte, redialling each one the server closes, until ctx ends. It returns
// the number of dials that succeeded.
func holdSilentConnections(ctx context.Context, addr string, n int) *atomic.Int64 {
	var dialed atomic.Int64
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				c, err := (&net.Dialer{Timeout: time.Second}).DialContext(ctx, "tcp", addr)
				if err != nil {
					time.Sleep(50 * time.Millisecond)
					continue
				}
				dialed.Add(1)
				stop := context.AfterFunc(ctx, func() { c.Close() })
				_, _ = c.Read(make([]byte, 1)) // returns when the server closes it
				stop()
				c.Close()
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	context.AfterFunc(ctx, wg.Wait)
	return &dialed
}

// metricSum adds up the values of every /metrics line starting with prefix.
func metricSum(t *testing.T, api, prefix string) float64 {
	t.Helper()
	_, body := httpGet(t, api+"/metrics")
	var sum float64
	for _, l := range strings.Split(body, "\n") {
		if !strings.HasPrefix(l, prefix) {
			continue
		}
		if v, err := strconv.ParseFloat(l[strings.LastIndexByte(l, ' ')+1:], 64); err == nil {
			sum += v
		}
	}
	return sum
}

// waitValue polls get until it reaches want, bounded by timeout.
func waitValue(t *testing.T, get func() float64, want float64, timeout time.Duration, what string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if get() >= want {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: %v within %v, want %v", what, get(), timeout, want)
}

// agentServerState is the state HAProxy reports for the agent's server.
func agentServerState(t *testing.T, socket string) event.ServerState {
	t.Helper()
	st, err := runtimeapi.Query(context.Background(), "unix", socket, time.Second, 1<<20)
	if err != nil {
		t.Fatalf("stats socket: %v", err)
	}
	for _, row := range st.Rows {
		if row.Proxy == "hapguard-agents" && row.Name == "agent1" {
			return row.State()
		}
	}
	t.Fatal("no agent1 in hapguard-agents")
	return 0
}

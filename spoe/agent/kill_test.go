package agent

import (
	"context"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/runtimeapi"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// maxAddedWait bounds what a dead agent may cost clients in total: the sum,
// over every request after the SIGKILL, of its time above the median of the
// healthy requests before it.
const maxAddedWait = time.Second

// TestHAProxyServesOnWhenTheAgentIsKilled kills the agent process with
// SIGKILL mid-traffic (~200 requests/s, one connection each): every request
// must still be answered by a server, HAProxy must mark the agent DOWN, and
// the requests together must wait less than maxAddedWait more than before.
func TestHAProxyServesOnWhenTheAgentIsKilled(t *testing.T) {
	forEachVersion(t, func(t *testing.T, version string) {
		st := startStack(t, version, true, "s1", "s2")
		tr := startTraffic(st.frontend, testRequestsPerSec, time.Minute)
		defer tr.finish()
		waitMetric(t, st.api, `hapguard_agent_responses_total{backend="be_app",class="2xx",server="s1",source="spoe"}`, 10*time.Second)
		time.Sleep(2 * time.Second)

		if err := st.child.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("kill agent %s: %v", describeCmd(st.child), err)
		}
		killedAt := time.Now()
		agentDownAt := waitAgentDown(t, st.agent.HAProxySocket, 10*time.Second)
		t.Logf("HAProxy %s marked the agent DOWN %v after the kill", version, agentDownAt.Sub(killedAt).Round(time.Millisecond))
		time.Sleep(3 * time.Second)

		before := tr.between(killedAt.Add(-2*time.Second), killedAt)
		after := tr.between(killedAt, time.Now().Add(-500*time.Millisecond))
		failed := 0
		for _, o := range after {
			if o.status != 200 || o.server == "" {
				failed++
			}
		}
		t.Logf("after the kill: %v", statusCounts(after))
		if failed > 0 || len(after) == 0 {
			t.Errorf("after the kill %d of %d requests were not answered 200 by a server", failed, len(after))
		}
		added, waited := addedWait(before, after)
		t.Logf("HAProxy %s, agent SIGKILLed: %d requests in %v, %d of them waited, %v added in total (bound %v)",
			version, len(after), time.Since(killedAt).Round(time.Millisecond), waited, added.Round(time.Millisecond), maxAddedWait)
		if added >= maxAddedWait {
			t.Errorf("a dead agent cost clients %v of waiting in total, want under %v", added, maxAddedWait)
		}
	})
}

// addedWait is the total time the after requests took above the median of
// the before requests, and how many of them were more than 10ms above it.
func addedWait(before, after []outcome) (time.Duration, int) {
	took := make([]time.Duration, 0, len(before))
	for _, o := range before {
		took = append(took, o.took)
	}
	slices.Sort(took)
	var median time.Duration
	if len(took) > 0 {
		median = took[len(took)/2]
	}
	var total time.Duration
	waited := 0
	for _, o := range after {
		if extra := o.took - median; extra > 0 {
			total += extra
			if extra > 10*time.Millisecond {
				waited++
			}
		}
	}
	return total, waited
}

// waitAgentDown polls HAProxy's stats socket every 20ms until the agent
// server is DOWN.
func waitAgentDown(t *testing.T, socket string, timeout time.Duration) time.Time {
	t.Helper()
	return waitAgentState(t, socket, event.StateDown, timeout)
}

// waitAgentState polls HAProxy's stats socket every 20ms until the agent
// server is in state.
func waitAgentState(t *testing.T, socket string, state event.ServerState, timeout time.Duration) time.Time {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		st, err := runtimeapi.Query(context.Background(), "unix", socket, time.Second, 1<<20)
		if err == nil {
			for _, row := range st.Rows {
				if row.Proxy == wiring.AgentsBackend && row.Name == "agent1" && row.State() == state {
					return time.Now()
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("HAProxy did not mark the agent %v within %v", state, timeout)
	return time.Time{}
}

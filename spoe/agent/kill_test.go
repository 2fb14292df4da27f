package agent

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/runtimeapi"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// TestHAProxyServesOnWhenTheAgentIsKilled kills the agent process with
// SIGKILL mid-traffic: every request must still be answered by a server,
// without waiting, and HAProxy's spop-check must mark the agent DOWN.
func TestHAProxyServesOnWhenTheAgentIsKilled(t *testing.T) {
	st := startStack(t, true, "s1", "s2")
	tr := startTraffic(st.frontend, testRequestsPerSec, time.Minute)
	defer tr.finish()
	waitMetric(t, st.api, `hapguard_agent_responses_total{backend="be_app",class="2xx",server="s1",source="spoe"}`, 10*time.Second)
	time.Sleep(time.Second)

	if err := st.child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill agent %s: %v", describeCmd(st.child), err)
	}
	killedAt := time.Now()
	agentDownAt := waitAgentDown(t, st.agent.HAProxySocket, 10*time.Second)
	t.Logf("HAProxy marked the agent DOWN %v after the kill", agentDownAt.Sub(killedAt).Round(time.Millisecond))
	time.Sleep(3 * time.Second)

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
	// With the agent gone HAProxy still runs the SPOE filter: each request
	// waits at most the engine's "timeout processing" (50ms in the wiring)
	// and then goes on, so the bound here is that timeout plus slack.
	checkNoWaitOnAgent(t, after, 100*time.Millisecond)
}

// waitAgentDown polls HAProxy's stats socket until the agent server is DOWN.
func waitAgentDown(t *testing.T, socket string, timeout time.Duration) time.Time {
	t.Helper()
	return waitAgentState(t, socket, event.StateDown, timeout)
}

// waitAgentState polls HAProxy's stats socket until the agent server is in
// state.
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
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("HAProxy did not mark the agent %v within %v", state, timeout)
	return time.Time{}
}

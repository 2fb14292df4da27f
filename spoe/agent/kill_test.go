package agent

import (
	"context"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/runtimeapi"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// maxAddedWait bounds what a dead agent may cost clients in total: the sum,
// over every request after the SIGKILL, of the time HAProxy waited for the
// agent (the SPOE engine's process_time of each event). The time above the
// median of the requests before the kill, as the client saw it, is logged
// too; on a loaded machine it also counts the load.
const maxAddedWait = time.Second

// TestHAProxyServesOnWhenTheAgentIsKilled kills the agent process with
// SIGKILL mid-traffic (~200 requests/s, one connection each): every request
// must still be answered by a server, HAProxy must mark the agent DOWN, and
// the requests together must wait less than maxAddedWait more than before.
func TestHAProxyServesOnWhenTheAgentIsKilled(t *testing.T) {
	forEachVersion(t, testbin.LTSVersions, func(t *testing.T, version string) {
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
		spoe, waited := spoeWaits(after)
		added, slower := addedWait(before, after)
		t.Logf("HAProxy %s, agent SIGKILLed: %d requests in %v; %d waited for the agent, %v in total as HAProxy measured it (bound %v); "+
			"as the client saw it, %d were over 10ms slower than before, %v in total (this machine's load included)",
			version, len(after), time.Since(killedAt).Round(time.Millisecond), waited, spoe, maxAddedWait, slower, added.Round(time.Millisecond))
		if spoe >= maxAddedWait {
			t.Errorf("a dead agent cost clients %v of waiting in total, want under %v", spoe, maxAddedWait)
		}
	})
}

// spoeWaits is the total time the requests waited for the agent, as
// HAProxy measured it, and how many waited at all.
func spoeWaits(outcomes []outcome) (time.Duration, int) {
	var total time.Duration
	n := 0
	for _, o := range outcomes {
		if o.spoeWait > 0 {
			total += o.spoeWait
			n++
		}
	}
	return total, n
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

package agent

import (
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/agent/internal/backendpool"
)

// fault is one phase of the integration test: a server (or all of them)
// misbehaves and the agent must name it and the cause.
type fault struct {
	name   string
	server string // "" means every server
	mode   backendpool.Mode
	match  reportMatch
}

// faults are the acceptance cases of the agent-core and HAProxy-errors
// issues, in the order they run against one HAProxy.
func faults() []fault {
	return []fault{
		{"server answers 500", "s1", backendpool.Status500, forServer("be_app", "s1", "server_5xx")},
		{"server answers 503", "s2", backendpool.Status503, forServer("be_app", "s2", "server_5xx")},
		{"server slow", "s3", backendpool.Slow, ofKind("latency_spike", forServer("be_app", "s3"))},
		{"garbage response PH 502", "s1", backendpool.Garbage, forServer("be_app", "s1", "invalid_response")},
		{"close before headers SH 502", "s2", backendpool.CloseBeforeHeaders, forServer("be_app", "s2", "server_abort")},
		{"hang past timeout server sH 504", "s3", backendpool.Hang, forServer("be_app", "s3", "server_timeout")},
		{"connection refused SC 503", "s1", backendpool.Refuse, forServer("be_app", "s1", "connection_refused")},
		{"all servers down NOSRV 503", "", backendpool.Refuse, noServer("be_app")},
	}
}

// faultAfterFiring is how long a fault goes on once its anomaly fired, so
// that the verdict header on the fault's responses can be checked.
const faultAfterFiring = 1500 * time.Millisecond

func ofKind(kind string, m reportMatch) reportMatch {
	return func(r Report) bool { return r.Kind == kind && m(r) }
}

func noServer(backend string) reportMatch {
	return func(r Report) bool {
		return r.Backend == backend && (r.Kind == "no_server" || r.Cause == "no_server" || r.Cause == "no_server_up")
	}
}

// TestAgentWithRealHAProxy is the end-to-end acceptance test, once per
// version of acceptanceVersions: HAProxy wired by print-haproxy-config's text, the agent
// with its SPOE, syslog and runtime API inputs, and ~200 requests/s through
// a pool whose servers go bad one fault at a time.
func TestAgentWithRealHAProxy(t *testing.T) {
	forEachVersion(t, acceptanceVersions, func(t *testing.T, version string) {
		st := startStack(t, version, false, "s1", "s2", "s3")
		tr := startTraffic(st.frontend, testRequestsPerSec, 3*time.Minute)
		defer tr.finish()

		t.Run("healthy phase raises nothing", func(t *testing.T) { checkHealthyPhase(t, st, tr, 12*time.Second) })
		for _, f := range faults() {
			if !t.Run(f.name, func(t *testing.T) { runFault(t, st, tr, f) }) {
				st.pool.SetAll(backendpool.Healthy)
				waitQuiet(t, st, 20*time.Second)
			}
		}
	})
}

// checkHealthyPhase lets healthy traffic run for d (long enough for the
// latency baselines to warm up) and requires no anomaly, no anomaly log line,
// and every request answered 200 by a pool server without delay.
func checkHealthyPhase(t *testing.T, st *stack, tr *traffic, d time.Duration) {
	start := time.Now()
	time.Sleep(d)
	body, err := getAnomalies(st.api)
	if err != nil {
		t.Fatal(err)
	}
	if len(body.Active)+len(body.Recent) > 0 || len(anomalyLines(st.logs.String())) > 0 {
		t.Errorf("healthy phase raised anomalies: %+v", body)
	}
	got := tr.between(start, time.Now().Add(-time.Second))
	bad := 0
	for _, o := range got {
		if o.status != 200 || o.server == "" {
			bad++
		}
	}
	if want := int(d.Seconds()) * testRequestsPerSec / 4; len(got) < want || bad > 0 {
		t.Errorf("healthy phase: %d requests (want at least %d), %d not 200 from a server", len(got), want, bad)
	}
	checkNoWaitOnAgent(t, got, 50*time.Millisecond)
}

// runFault applies f, requires its anomaly within 2 seconds of onset while
// the other servers keep serving, then heals it and requires resolution.
func runFault(t *testing.T, st *stack, tr *traffic, f fault) {
	onset := time.Now()
	setMode(t, st, f.server, f.mode)
	fresh := func(r Report) bool { return f.match(r) && !r.FiredAt.Before(onset.Add(-time.Second)) }
	r, seenAt, ok := waitFor(t, st.api, false, 6*time.Second, fresh)
	if ok {
		time.Sleep(faultAfterFiring) // responses now carry the verdict
	}
	healAt := time.Now()
	setMode(t, st, f.server, backendpool.Healthy)
	if !ok {
		body, _ := getAnomalies(st.api)
		t.Fatalf("no matching anomaly within 6s of onset; active: %+v", body.Active)
	}
	delay := seenAt.Sub(onset)
	t.Logf("fired after %v: %s %s/%s cause=%s observed=%v threshold=%v samples=%d: %s",
		delay.Round(time.Millisecond), r.Kind, r.Backend, r.Server, r.Cause, r.Observed, r.Threshold, r.Samples, r.Message)
	if delay >= 2*time.Second {
		t.Errorf("anomaly fired %v after the fault's onset, want under 2s", delay)
	}
	during := tr.between(onset, healAt)
	t.Logf("requests during the fault: %v", statusCounts(during))
	if f.server != "" {
		checkOthersServed(t, during, f.server)
	}
	checkVerdictOnErrors(t, tr.between(seenAt.Add(500*time.Millisecond), healAt))
	resolved, resolvedAt, ok := waitFor(t, st.api, true, 15*time.Second, func(x Report) bool { return fresh(x) && x.Kind == r.Kind })
	if !ok {
		t.Errorf("anomaly %s %s/%s not resolved within 15s of recovery", r.Kind, r.Backend, r.Server)
	}
	checkNoStaleVerdict(t, tr.between(healAt.Add(time.Second), resolvedAt), resolved)
	waitQuiet(t, st, 20*time.Second)
}

package runtimeapi

import (
	"testing"
	"time"
)

// stallPoll is one poll of one server in a stall scenario.
type stallPoll struct {
	at        time.Duration // since the scenario's start
	responses uint64        // hrsp_* increase since the previous poll
	sessions  uint64        // scur
	failed    uint64        // econ+wretr increase
	rtimeMs   uint64
	notJudged bool
	want      bool
}

// runStall feeds polls to a stall tracker, as the tracker does, and checks
// each verdict. The first poll is the baseline before the scenario.
func runStall(t *testing.T, polls []stallPoll) {
	t.Helper()
	start := time.Unix(1_700_000_000, 0)
	key := BackendServer{Backend: "be_app", Server: "s1"}
	var s stalls
	var prev time.Time
	for i, p := range polls {
		now := start.Add(p.at)
		c := Counters{Responses: p.responses, Sessions: p.sessions, ResponseTimeMs: p.rtimeMs}
		next := stalls{}
		if got := s.observe(next, key, c, p.failed, !p.notJudged, prev, now); got != p.want {
			t.Errorf("poll %d at %v: stalled %v, want %v", i, p.at, got, p.want)
		}
		s, prev = next, now
	}
}

// TestStallConfirmedAPollAfterTheFirstRoundOfTimeouts: four requests whose
// first connection attempt timed out after "timeout connect 1s", still
// held, no response: confirmed at the next (fast) poll.
func TestStallConfirmedAPollAfterTheFirstRoundOfTimeouts(t *testing.T) {
	runStall(t, []stallPoll{
		{at: 0, responses: 250, sessions: 4},
		{at: 900 * time.Millisecond, responses: 0, sessions: 4},
		{at: 1900 * time.Millisecond, sessions: 4, failed: 4},
		{at: 2000 * time.Millisecond, sessions: 4, want: true},
		{at: 2100 * time.Millisecond, sessions: 4, want: true},
	})
}

// TestSingleFailedConnectIsNoStall: one request's attempt timed out and its
// retry hangs on a slow server: one failed attempt is never a stall.
func TestSingleFailedConnectIsNoStall(t *testing.T) {
	runStall(t, []stallPoll{
		{at: 0, responses: 3, sessions: 1},
		{at: time.Second, sessions: 1, failed: 1},
		{at: 1100 * time.Millisecond, sessions: 1},
		{at: 1200 * time.Millisecond, sessions: 1},
		{at: 2200 * time.Millisecond, sessions: 1},
	})
}

// TestBlipIsNoStall: four attempts failed together, their retries reached
// the server and it answered: the stretch ends, and failures counted
// before it do not carry over.
func TestBlipIsNoStall(t *testing.T) {
	runStall(t, []stallPoll{
		{at: 0, responses: 250, sessions: 4},
		{at: time.Second, sessions: 4, failed: 4},
		{at: 1100 * time.Millisecond, responses: 4, sessions: 4},
		{at: 1200 * time.Millisecond, sessions: 4},
		{at: 2300 * time.Millisecond, sessions: 4},
		{at: 2400 * time.Millisecond, sessions: 4},
	})
}

// TestSlowServerStallWaitsForTwiceItsResponseTime: a server that answers in
// 300 ms on average is given 600 ms after the failures to answer a retry.
func TestSlowServerStallWaitsForTwiceItsResponseTime(t *testing.T) {
	runStall(t, []stallPoll{
		{at: 0, responses: 10, sessions: 4, rtimeMs: 300},
		{at: time.Second, sessions: 4, failed: 4, rtimeMs: 300},
		{at: 1100 * time.Millisecond, sessions: 4, rtimeMs: 300},
		{at: 1500 * time.Millisecond, sessions: 4, rtimeMs: 300},
		{at: 1600 * time.Millisecond, sessions: 4, rtimeMs: 300, want: true},
	})
}

// TestStallNeedsASecondOfSilence: failures counted at fast polls right
// after a response are not a stall until the server has been silent for a
// second; a poll that cannot judge (a reload) ends the stretch; nothing
// held ends it too.
func TestStallNeedsASecondOfSilence(t *testing.T) {
	runStall(t, []stallPoll{
		{at: 0, responses: 5, sessions: 4},
		{at: 100 * time.Millisecond, sessions: 4, failed: 4},
		{at: 200 * time.Millisecond, sessions: 4},
		{at: 900 * time.Millisecond, sessions: 4},
		{at: 1000 * time.Millisecond, sessions: 4, want: true},
		{at: 1100 * time.Millisecond, sessions: 4, notJudged: true},
		{at: 1200 * time.Millisecond, sessions: 4, failed: 4},
		{at: 2300 * time.Millisecond, sessions: 4, want: true},
		{at: 2400 * time.Millisecond, sessions: 0},
		{at: 2500 * time.Millisecond, sessions: 4, failed: 4},
		{at: 2600 * time.Millisecond, sessions: 4},
	})
}

// TestFailuresFarApartAreNoStall: a server whose requests are long (no
// response for seconds is normal) with a failed connection now and then:
// failures more than two seconds apart do not add up, and a stall is only
// reported while its failures are recent.
func TestFailuresFarApartAreNoStall(t *testing.T) {
	runStall(t, []stallPoll{
		{at: 0, responses: 1, sessions: 20},
		{at: time.Second, sessions: 20, failed: 1},
		{at: 4 * time.Second, sessions: 20, failed: 1},
		{at: 4100 * time.Millisecond, sessions: 20},
		{at: 8 * time.Second, sessions: 20, failed: 1},
		{at: 9 * time.Second, sessions: 20, failed: 1},
		{at: 9100 * time.Millisecond, sessions: 20, want: true},
		{at: 11100 * time.Millisecond, sessions: 20},
	})
}

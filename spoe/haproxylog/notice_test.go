package haproxylog

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/spoe/event"
)

// stateEvent builds the event expected for a server state message.
func stateEvent(be, srv string, state event.ServerState, cause event.Cause, check, desc string) event.Event {
	return event.Event{
		Time: testNow, Kind: event.KindServerState, Source: event.SourceLog,
		Backend: be, Server: srv, State: state, Cause: cause,
		Timings: event.Unknown, CheckStatus: check, CheckDesc: desc,
	}
}

// Messages below were printed by HAProxy 2.6.12 (health checks, `set server
// ... state`, `disable server`), except where the name says otherwise.
func TestParseServerStateMessages(t *testing.T) {
	tests := []struct {
		name string
		line string
		kind LineKind
		want event.Event
	}{
		{
			name: "down, connection refused",
			line: `<129>Nov 23 19:45:55 haproxy[22575]: Server be/s1 is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 0 active and 1 backup servers left. Running on backup. 0 sessions active, 0 requeued, 0 remaining in queue.`,
			kind: LineServerState,
			want: stateEvent("be", "s1", event.StateDown, event.CauseServerDown, "L4CON", `Layer4 connection problem, info: "Connection refused"`),
		},
		{
			name: "backup down, wrong status",
			line: `<129>Nov 23 19:45:59 haproxy[22575]: Backup Server be/b1 is DOWN, reason: Layer7 wrong status, code: 503, info: "Service Unavailable", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`,
			kind: LineServerState,
			want: stateEvent("be", "b1", event.StateDown, event.CauseServerDown, "L7STS", `Layer7 wrong status, code: 503, info: "Service Unavailable"`),
		},
		{
			name: "layer4 timeout (public incident report)",
			line: `<129>Nov 23 19:45:59 haproxy[8]: Server redis_backend/redis is DOWN, reason: Layer4 timeout, check duration: 2002ms. 0 active and 0 backup servers left. 10 sessions active, 0 requeued, 0 remaining in queue.`,
			kind: LineServerState,
			want: stateEvent("redis_backend", "redis", event.StateDown, event.CauseServerDown, "L4TOUT", "Layer4 timeout"),
		},
		{
			name: "up",
			line: `<133>Nov 23 19:45:56 haproxy[22575]: Server be/s1 is UP, reason: Layer7 check passed, code: 200, check duration: 0ms. 1 active and 1 backup servers online. 0 sessions requeued, 0 total in queue.`,
			kind: LineServerState,
			want: stateEvent("be", "s1", event.StateUp, event.CauseNone, "L7OK", "Layer7 check passed, code: 200"),
		},
		{
			name: "maintenance",
			line: `<129>Nov 23 19:45:57 haproxy[22575]: Server be/s1 is going DOWN for maintenance. 0 active and 1 backup servers left. Running on backup. 0 sessions active, 0 requeued, 0 remaining in queue.`,
			kind: LineServerState,
			want: stateEvent("be", "s1", event.StateMaint, event.CauseNone, "", ""),
		},
		{
			name: "leaving maintenance into drain",
			line: `<133>Nov 23 19:45:57 haproxy[22575]: Server be/s1 is UP/DRAIN (leaving forced maintenance).`,
			kind: LineServerState,
			want: stateEvent("be", "s1", event.StateDrain, event.CauseNone, "", ""),
		},
		{
			name: "leaving drain",
			line: `<133>Nov 23 19:45:57 haproxy[22575]: Server be/s1 is UP (leaving forced drain).`,
			kind: LineServerState,
			want: stateEvent("be", "s1", event.StateUp, event.CauseNone, "", ""),
		},
		{
			name: "backup leaving maintenance",
			line: `<133>Nov 23 19:45:58 haproxy[22575]: Backup Server be/b1 is UP/READY (leaving forced maintenance).`,
			kind: LineServerState,
			want: stateEvent("be", "b1", event.StateUp, event.CauseNone, "", ""),
		},
		{
			name: "no server available",
			line: `<128>Nov 23 19:45:55 haproxy[22575]: backend be has no server available!`,
			kind: LineServerState,
			want: stateEvent("be", "", event.StateDown, event.CauseNoServerUp, "", ""),
		},
		{
			name: "no server available, stderr forwarded to syslog",
			line: `<131>Nov 23 19:45:55 host haproxy[22575]: [ALERT]    (22575) : backend 'be' has no server available!`,
			kind: LineServerState,
			want: stateEvent("be", "", event.StateDown, event.CauseNoServerUp, "", ""),
		},
		{
			name: "proxy started",
			line: `<133>Nov 23 19:45:55 haproxy[22575]: Proxy fe started.`,
			kind: LineOther,
		},
		{
			name: "SPOE processing error of the agent itself",
			line: `<134>Nov 23 20:21:02 haproxy[22575]: SPOE: [hapguard] <EVENT:on-http-response> sid=88 st=1 0/0/0/0/51`,
			kind: LineOther,
		},
	}
	p := NewParser(0)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got event.Event
			if kind := p.Parse([]byte(tt.line), testNow, &got); kind != tt.kind {
				t.Fatalf("kind = %v, want %v", kind, tt.kind)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(event.UniqueID{})); diff != "" {
				t.Errorf("event mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// With `option log-health-checks`, HAProxy 2.6 states the reason in the
// check message and logs the transition without it.
func TestServerStateTakesReasonFromPrecedingHealthCheck(t *testing.T) {
	p := NewParser(0)
	var ev event.Event
	check := `<133>Nov 23 19:45:59 haproxy[22575]: Health check for server be2/s2 failed, reason: Layer7 wrong status, code: 503, info: "Service Unavailable", check duration: 1ms, status: 0/1 DOWN.`
	if kind := p.Parse([]byte(check), testNow, &ev); kind != LineOther {
		t.Fatalf("health check line: kind = %v, want other", kind)
	}
	down := `<129>Nov 23 19:45:59 haproxy[22575]: Server be2/s2 is DOWN. 0 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.`
	if kind := p.Parse([]byte(down), testNow, &ev); kind != LineServerState {
		t.Fatalf("state line: kind = %v, want server_state", kind)
	}
	want := stateEvent("be2", "s2", event.StateDown, event.CauseServerDown, "L7STS", `Layer7 wrong status, code: 503, info: "Service Unavailable"`)
	if diff := cmp.Diff(want, ev, cmp.AllowUnexported(event.UniqueID{})); diff != "" {
		t.Errorf("event mismatch (-want +got):\n%s", diff)
	}
	other := `<129>Nov 23 19:46:00 haproxy[22575]: Server be2/s3 is DOWN. 0 active and 0 backup servers left.`
	p.Parse([]byte(other), testNow, &ev)
	if ev.CheckStatus != "" {
		t.Errorf("another server inherited check status %q", ev.CheckStatus)
	}
}

// A hostile line cannot make an event hold an unbounded string.
func TestEventStringsAreBounded(t *testing.T) {
	long := strings.Repeat("n", 10_000)
	lines := []string{
		"Server " + long + "/" + long + " is DOWN, reason: " + long,
		"backend " + long + " has no server available!",
		"127.0.0.1:1 [23/Nov/2026:19:45:36.663] " + long + " " + long + "/" + long + ` 0/0/0/5/5 200 1 - - ---- 1/1/1/1/0 0/0 "GET /"`,
	}
	p := NewParser(0)
	for _, line := range lines {
		var ev event.Event
		if kind := p.Parse([]byte(line), testNow, &ev); !kind.HasEvent() {
			t.Fatalf("Parse(%.40q...) = %v", line, kind)
		}
		for _, s := range []string{ev.Frontend, ev.Backend, ev.Server, ev.CheckDesc} {
			if len(s) > maxNameLen {
				t.Errorf("Parse(%.40q...) kept a %d-byte string", line, len(s))
			}
		}
	}
}

package bridge

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/rules"
	"github.com/hapguard/hapguard/spoe/confignote"
)

const base = `global
    maxconn 1000

defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
`

// relationCase is one row of the relation table exercised: a configuration
// with the fault, the anomaly the agent raises, the notes expected (rule and
// the line holding want's marker), and the same anomaly on a configuration
// without the fault, which must carry no note.
type relationCase struct {
	name    string
	faulty  string
	anomaly confignote.Anomaly
	want    []string // "RULE marker": the note's rule and a text on its line
	clean   string
}

func relationCases() []relationCase {
	return []relationCase{{
		name: "504 sH and a unit-less timeout server inherited from defaults",
		faulty: `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30
frontend fe
    bind 127.0.0.1:8080
    default_backend be_api
backend be_api
    server s1 127.0.0.1:9001 check
    server s2 127.0.0.1:9002 check
`,
		anomaly: confignote.Anomaly{Kind: "consecutive_5xx", Cause: "server_timeout", Backend: "be_api", Server: "s2"},
		want:    []string{"HG402 timeout server 30", "HG404 timeout server 30"},
		// The backend sets its own value: the defaults line is not in effect.
		clean: `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30
frontend fe
    bind 127.0.0.1:8080
    default_backend be_api
backend be_api
    timeout server 30s
    server s1 127.0.0.1:9001 check
    server s2 127.0.0.1:9002 check
`,
	}, {
		name: "503 SC on a server without check, and retries without redispatch",
		faulty: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    retries 3
    server s1 127.0.0.1:9001 check
    server s2 127.0.0.1:9002
`,
		anomaly: confignote.Anomaly{Kind: "consecutive_5xx", Cause: "connection_refused", Backend: "be_app", Server: "s2"},
		want:    []string{"HG301 server s2", "HG512 retries 3"},
		clean: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    option redispatch
    server s1 127.0.0.1:9001 check
    server s2 127.0.0.1:9002 check
`,
	}, {
		name: "503 sC names the unchecked server only for its own anomaly",
		faulty: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    option redispatch
    server s1 127.0.0.1:9001 check
    server s2 127.0.0.1:9002
`,
		anomaly: confignote.Anomaly{Kind: "consecutive_5xx", Cause: "connect_timeout", Backend: "be_app", Server: "s2"},
		want:    []string{"HG301 server s2"},
		clean: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    option redispatch
    server s1 127.0.0.1:9001
    server s2 127.0.0.1:9002 check
    server s3 127.0.0.1:9003 check
`, // s1 is unchecked, but the anomaly is s2's
	}, {
		name: "502 SH where idle connections are reused aggressively without retry-on",
		faulty: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    http-reuse aggressive
    server s1 127.0.0.1:9001 check
`,
		anomaly: confignote.Anomaly{Kind: "consecutive_5xx", Cause: "server_abort", Backend: "be_app", Server: "s1"},
		want:    []string{"HG511 http-reuse aggressive"},
		clean: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    http-reuse aggressive
    retry-on conn-failure empty-response
    server s1 127.0.0.1:9001 check
`,
	}, {
		name: "502 PH with a buffer smaller than HAProxy's default",
		faulty: `global
    maxconn 1000
    tune.bufsize 8192
` + base[len("global\n    maxconn 1000\n"):] + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server s1 127.0.0.1:9001 check
`,
		anomaly: confignote.Anomaly{Kind: "error_ratio", Cause: "invalid_response", Backend: "be_app"},
		want:    []string{"HG517 tune.bufsize 8192"},
		clean: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server s1 127.0.0.1:9001 check
`,
	}, {
		name: "503 sQ with server maxconn and no timeout queue",
		faulty: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server s1 127.0.0.1:9001 check maxconn 10
`,
		anomaly: confignote.Anomaly{Kind: "error_ratio", Cause: "queue_timeout", Backend: "be_app"},
		want:    []string{"HG408 server s1"},
		clean: base + `    timeout queue 10s
frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server s1 127.0.0.1:9001 check maxconn 10
`,
	}, {
		name: "SD on a WebSocket backend without timeout tunnel",
		faulty: base + `frontend fe
    bind 127.0.0.1:8080
    acl is_ws hdr(Upgrade) -i websocket
    use_backend be_ws if is_ws
    default_backend be_ws
backend be_ws
    server s1 127.0.0.1:9001 check
`,
		anomaly: confignote.Anomaly{Kind: "error_ratio", Cause: "error_after_headers", Backend: "be_ws"},
		want:    []string{"HG407 backend be_ws"},
		clean: base + `    timeout tunnel 1h
frontend fe
    bind 127.0.0.1:8080
    acl is_ws hdr(Upgrade) -i websocket
    use_backend be_ws if is_ws
    default_backend be_ws
backend be_ws
    server s1 127.0.0.1:9001 check
`,
	}, {
		name: "server DOWN with an HTTP/1.1 check without Host",
		faulty: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    option httpchk
    http-check send meth GET uri /health ver HTTP/1.1
    server s1 127.0.0.1:9001 check
`,
		anomaly: confignote.Anomaly{Kind: "server_down", Cause: "server_down", Backend: "be_app", Server: "s1"},
		want:    []string{"HG304 http-check send"},
		clean: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    option httpchk
    http-check send meth GET uri /health ver HTTP/1.1 hdr Host app.example
    server s1 127.0.0.1:9001 check
`,
	}, {
		name: "503 <NOSRV> with init-addr none and no resolvers",
		faulty: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server s1 app.internal:9001 check init-addr none
`,
		anomaly: confignote.Anomaly{Kind: "no_server", Cause: "no_server", Backend: "be_app"},
		want:    []string{"HG206 server s1"},
		clean: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server s1 127.0.0.1:9001 check
`,
	}, {
		name: "503 <NOSRV> with every server disabled",
		faulty: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server s1 127.0.0.1:9001 check disabled
`,
		anomaly: confignote.Anomaly{Kind: "no_server", Cause: "no_server", Backend: "be_app"},
		want:    []string{"HG504 backend be_app"},
		clean: base + `frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server s1 127.0.0.1:9001 check
`,
	}}
}

func TestRelations(t *testing.T) {
	for _, tc := range relationCases() {
		t.Run(tc.name, func(t *testing.T) {
			var want []string
			for _, w := range tc.want {
				var rule, marker string
				fmt.Sscanf(w, "%s", &rule)
				marker = w[len(rule)+1:]
				want = append(want, fmt.Sprintf("%s:%d", rule, lineOf(t, tc.faulty, marker)))
			}
			if diff := cmp.Diff(want, explainText(t, tc.faulty, tc.anomaly)); diff != "" {
				t.Errorf("faulty configuration: notes differ (-want +got):\n%s", diff)
			}
			if got := explainText(t, tc.clean, tc.anomaly); len(got) != 0 {
				t.Errorf("configuration without the fault: got notes %v, want none", got)
			}
		})
	}
}

// TestNoGuessing: an anomaly whose cause no rule explains carries no note,
// however many findings the configuration has.
func TestNoGuessing(t *testing.T) {
	faulty := relationCases()[1].faulty // unchecked server, no redispatch
	for _, a := range []confignote.Anomaly{
		{Kind: "consecutive_5xx", Cause: "server_5xx", Backend: "be_app", Server: "s2"},
		{Kind: "latency_spike", Cause: "none", Backend: "be_app"},
		{Kind: "consecutive_5xx", Cause: "connection_refused", Backend: "be_other"},
	} {
		if got := explainText(t, faulty, a); len(got) != 0 {
			t.Errorf("%+v: got notes %v, want none", a, got)
		}
	}
}

// TestRelationRulesExist: every rule the table names is a real rule.
func TestRelationRulesExist(t *testing.T) {
	for _, r := range Relations() {
		for _, id := range r.Rules {
			if _, ok := rules.Lookup(id); !ok {
				t.Errorf("relation %s%s names %s, which is not a rule", r.Cause, r.Kind, id)
			}
		}
		if r.Why == "" || (r.Cause == "" && r.Kind == "") || r.Reach == 0 {
			t.Errorf("relation %+v: needs a cause or kind, a reach and a why", r)
		}
	}
}

// TestEveryRelationHasACase: each row of the table is exercised by a case
// of TestRelations.
func TestEveryRelationHasACase(t *testing.T) {
	for _, r := range Relations() {
		covered := false
		for _, tc := range relationCases() {
			a := tc.anomaly
			covered = covered || ((r.Cause == "" || r.Cause == a.Cause) && (r.Kind == "" || r.Kind == a.Kind))
		}
		if !covered {
			t.Errorf("relation %s%s has no case in relationCases", r.Cause, r.Kind)
		}
	}
}

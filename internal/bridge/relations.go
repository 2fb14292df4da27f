package bridge

// Reach says which findings of a related rule can explain an anomaly.
type Reach uint8

const (
	// Backend: findings in the anomaly's backend, on any of its lines,
	// including the defaults it inherits (when the line is in effect for it).
	Backend Reach = iota + 1
	// Server: like Backend, but a finding on a server line counts only for
	// that server's anomaly (or a backend-wide one).
	Server
)

// Relation says which rules can explain anomalies of one cause or kind:
// the configuration faults that produce exactly that symptom in HAProxy's
// log or runtime API. A rule belongs here only when its fault is a known
// producer of the symptom; a cause with no relation carries no notes.
type Relation struct {
	// Cause matches the anomaly's cause (event.Cause names); Kind matches
	// its kind (detect.Kind names). A relation with both set needs both.
	Cause, Kind string
	// Rules are rule IDs, most specific first; notes keep this order.
	Rules []string
	Reach Reach
	// Why is the link in words, for reviewers and the docs.
	Why string
}

// Relations is the whole mapping from live symptoms to configuration
// rules. Every row has a test in relations_test.go with a configuration
// that has the fault and one that does not.
func Relations() []Relation {
	return []Relation{
		{Cause: "server_timeout", Rules: []string{"HG402", "HG404", "HG403"}, Reach: Backend,
			Why: "504 sH: the response took longer than 'timeout server'; a unit-less or very short value cuts normal responses"},
		{Cause: "server_abort", Rules: []string{"HG511", "HG509"}, Reach: Backend,
			Why: "502 SH: the server closed a connection HAProxy reused (idle keep-alive race) and nothing retries it"},
		{Cause: "connection_refused", Rules: []string{"HG301", "HG512", "HG507", "HG101", "HG107", "HG201"}, Reach: Server,
			Why: "503 SC: a dead or moved server keeps its share because nothing checks it, retries stay on it, or its address is stale or wrong"},
		{Cause: "connect_timeout", Rules: []string{"HG301", "HG512", "HG507", "HG201", "HG107"}, Reach: Server,
			Why: "503 sC: an unreachable server keeps getting traffic because nothing checks it or retries stay on it, or its address is stale"},
		{Cause: "queue_timeout", Rules: []string{"HG408", "HG513"}, Reach: Backend,
			Why: "503 sQ: requests queue behind server maxconn with no or a badly sized queue timeout or limits"},
		{Cause: "invalid_response", Rules: []string{"HG517", "HG516"}, Reach: Backend,
			Why: "502 PH: responses exceed the buffer or rewrite space, or speak a protocol the server line does not declare"},
		{Cause: "error_after_headers", Rules: []string{"HG407"}, Reach: Backend,
			Why: "SD/sD: long-lived tunnels (WebSocket) cut by the HTTP timeouts when no 'timeout tunnel' is set"},
		{Kind: "server_down", Rules: []string{"HG304", "HG303", "HG306", "HG604", "HG309", "HG308", "HG206", "HG201"}, Reach: Server,
			Why: "the health check itself fails or flaps: missing Host, TLS checks in clear or without SNI, wrong check port, stale or unset address"},
		{Kind: "no_server", Rules: []string{"HG504", "HG505", "HG304", "HG303", "HG306", "HG604", "HG601", "HG206", "HG202", "HG201"}, Reach: Backend,
			Why: "503 <NOSRV>: no server can take traffic: all disabled or backup, health checks that cannot pass, addresses never resolved"},
	}
}

// relatedRules returns the rule IDs related to an anomaly's cause and kind
// with their reach, in table order, each rule once.
func relatedRules(relations []Relation, kind, cause string) []ruleReach {
	var out []ruleReach
	seen := map[string]bool{}
	for _, r := range relations {
		if (r.Cause != "" && r.Cause != cause) || (r.Kind != "" && r.Kind != kind) {
			continue
		}
		for _, id := range r.Rules {
			if !seen[id] {
				seen[id] = true
				out = append(out, ruleReach{id, r.Reach})
			}
		}
	}
	return out
}

type ruleReach struct {
	rule  string
	reach Reach
}

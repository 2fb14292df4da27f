// Package confignote is the agent's extension point for naming the
// configuration lines behind an anomaly. The agent asks an Explainer for
// notes each time an anomaly changes state and carries them everywhere the
// anomaly goes (log line, HTTP API, Alertmanager, message text). The agent
// never reads HAProxy's configuration itself: an implementation above both
// halves (internal/bridge) answers with the linter's findings.
package confignote

import "fmt"

// Anomaly identifies what the agent saw, in the agent's stable names
// (detect.Kind and event.Cause strings).
type Anomaly struct {
	Kind    string // "server_down", "no_server", "consecutive_5xx", ...
	Cause   string // "server_timeout", "connection_refused", ...
	Backend string
	Server  string // "" for a backend-wide anomaly
}

// Note is one configuration finding that explains an anomaly.
type Note struct {
	Rule     string `json:"rule"`     // stable rule ID, e.g. "HG402"
	Severity string `json:"severity"` // "error", "warning" or "info"
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Source   string `json:"source"`  // the configuration line, trimmed (secrets masked)
	Message  string `json:"message"` // the finding: what is wrong and what it does
}

// String formats the note for message text:
// `haproxy.cfg:41 "timeout server 30": <message> [HG402]`.
func (n Note) String() string {
	return fmt.Sprintf("%s:%d %q: %s [%s]", n.File, n.Line, n.Source, n.Message, n.Rule)
}

// Explainer returns the configuration notes that explain an anomaly, most
// relevant first, or none when no finding relates to it (it never guesses).
// Implementations are safe for concurrent use and answer from memory.
type Explainer interface {
	Explain(Anomaly) []Note
}

// Reloader is implemented by explainers that re-read the configuration when
// the agent learns that HAProxy reloaded (a new process id or uptime on the
// runtime API). It must return at once; the work happens elsewhere.
type Reloader interface {
	HAProxyReloaded()
}

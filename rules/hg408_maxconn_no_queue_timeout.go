package rules

import (
	"github.com/hapguard/hapguard/lint"
)

// MaxconnNoQueueTimeout reports server maxconn without timeout queue.
var MaxconnNoQueueTimeout = &lint.Rule{
	ID:       "HG408",
	Name:     "maxconn-without-queue-timeout",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "Server maxconn without timeout queue",
		Why: `When a server reaches its "maxconn", further requests wait in a queue, and a
request still queued when "timeout queue" strikes gets a 503. Without
"timeout queue", HAProxy uses "timeout connect" instead: usually a few
seconds, so a short burst turns into 503s that a slightly longer wait would
have avoided (or, with a long connect timeout, clients wait far too long).
Setting it says how long a request may wait for a free slot.`,
		Bad:    "backend be_app\n    server s1 10.0.0.1:8080 check maxconn 100",
		Good:   "backend be_app\n    timeout queue 30s\n    server s1 10.0.0.1:8080 check maxconn 100",
		Fix:    "Set \"timeout queue\" in the backend or its defaults section.",
		Manual: "configuration.txt §4.2 \"timeout queue\"; §5.2 \"maxconn\"",
		Since:  "0.1.0",
	},
	Run: runMaxconnNoQueueTimeout,
}

func runMaxconnNoQueueTimeout(p *lint.Pass) error {
	seen := map[*lint.Directive]bool{}
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		if _, _, set := effectiveTimeout(p, s, "queue"); set {
			continue
		}
		for _, v := range s.EffectiveServers() {
			src, ok := v.Source("maxconn")
			if !ok || src.Option.Value == "0" {
				continue
			}
			if d := src.Directive(); !seen[d] {
				seen[d] = true
				p.ReportWord(d, src.Option.Index, "server maxconn without \"timeout queue\" for %s %q: queued requests get 503 after timeout connect",
					s.Kind, s.Name)
			}
			break
		}
	}
	return nil
}

package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// UnsafeRetries reports "retries 0" and retry-on keywords that replay
// requests the server may already have processed.
var UnsafeRetries = &lint.Rule{
	ID:       "HG508",
	Name:     "unsafe-retries",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "retries 0, or retry-on that replays requests the server may have processed",
		Why: `"retries 0" turns every failed connection attempt (a refused SYN during a
restart, a lost packet, a full accept queue) into an immediate 503, where
HAProxy's default of 3 retries would have hidden it.
The opposite mistake: "retry-on" with response-timeout, junk-response, an
HTTP status or all-retryable-errors replays requests the server has
received and maybe processed, and HAProxy does not look at the method: a
POST that timed out is sent again (twice charged, twice ordered), and a
slow request is retried onto the next server, spreading the overload that
produced the 504s. conn-failure (nothing was sent), empty-response (nothing
was answered, the stale keep-alive case of HG511) and 0rtt-rejected are not
reported. A section that uses "http-request disable-l7-retry" (for example
"if METH_POST") has made its choice and is left alone.`,
		Bad: `backend be_app
    mode http
    retry-on all-retryable-errors
    server app1 10.0.0.1:8080 check`,
		Good: `backend be_app
    mode http
    retry-on conn-failure empty-response
    server app1 10.0.0.1:8080 check`,
		Fix: `Keep "retries" at 1 or more; limit retry-on to conn-failure empty-response, or
keep the other keywords for idempotent traffic only ("http-request
disable-l7-retry if METH_POST").`,
		Manual: "configuration.txt §4.2 \"retries\", \"retry-on\" (\"it is very dangerous to use any retry-on value beside conn-failure and none\"), \"http-request disable-l7-retry\"",
		Since:  "0.2.0",
	},
	Run: runUnsafeRetries,
}

func runUnsafeRetries(p *lint.Pass) error {
	for _, s := range p.Config.Sections {
		if s.Kind != "defaults" && !s.HasBackend() {
			continue
		}
		for _, d := range s.Directives {
			switch {
			case d.Is("retries", "0"):
				p.ReportWord(d, 1, "retries 0: a single failed connection attempt (refused during a restart, a lost SYN) is answered 503 at once, where the default 3 retries would have hidden it")
			case d.Is("retry-on"):
				reportReplayingRetryOn(p, s, d)
			}
		}
	}
	return nil
}

func reportReplayingRetryOn(p *lint.Pass, s *lint.Section, d *lint.Directive) {
	if mode, _ := s.Mode(); mode != "http" || disablesL7Retry(s) {
		return
	}
	for i, w := range d.Args() {
		if k := strings.ToLower(w.Text()); replayingRetryKeyword(k) {
			p.ReportWord(d, i+1, "retry-on %s replays requests the server may already have processed, POST included (HAProxy does not check the method): add \"http-request disable-l7-retry if METH_POST\" or keep to conn-failure empty-response", k)
			return
		}
	}
}

// disablesL7Retry reports whether s, or the defaults it inherits from, has
// an "http-request disable-l7-retry" rule.
func disablesL7Retry(s *lint.Section) bool {
	for sec := s; sec != nil; sec = sec.Defaults {
		if len(sec.Find("http-request", "disable-l7-retry")) > 0 {
			return true
		}
	}
	return false
}

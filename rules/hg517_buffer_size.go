package rules

import (
	"strconv"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// Buffer sizes of HAProxy when the global section sets none (manual §3.2
// "tune.bufsize", "tune.maxrewrite"; include/haproxy/defaults.h BUFSIZE,
// MAXREWRITE in 2.8, 3.0 and 3.2).
const (
	defaultBufsize    = 16384
	defaultMaxrewrite = 1024
)

// BufferTooSmall reports a buffer below HAProxy's default size and header
// additions that do not fit the space reserved for rewriting.
var BufferTooSmall = &lint.Rule{
	ID:       "HG517",
	Name:     "buffer-too-small",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "tune.bufsize below 16384, or more header bytes added per response than tune.maxrewrite",
		Why: `A whole HTTP header block must fit in one buffer. With "tune.bufsize" below the
default 16384, responses whose headers exceed bufsize minus maxrewrite are
refused with 502 Bad Gateway (logged PH--) and such requests with 400; large
cookies or JWTs are enough, and HTTP/2 needs 16384 or more.
"tune.maxrewrite" (1024 by default, at most half of bufsize) is the room
kept free for rules that add headers. When the literal bytes that
http-response/http-after-response add-header and set-header lines of the
frontend and backend add to one response exceed it (a long
Content-Security-Policy is enough), a response whose own headers fill the
rest of the buffer cannot be rewritten: HAProxy answers 500 instead
(strict-mode, the default). Values built from samples (%[...]) are not
counted, so the estimate is a lower bound.`,
		Bad: `global
    tune.bufsize 8192
frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check`,
		Good: `global
    tune.bufsize 16384
frontend fe_main
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    server app1 10.0.0.1:8080 check`,
		Fix: `Leave tune.bufsize at 16384 or more; raise tune.maxrewrite above the bytes the
rules add (or shorten the added headers).`,
		Manual: "configuration.txt §3.2 \"tune.bufsize\" (\"If an HTTP response is larger than this size, HAProxy will return HTTP 502\"), \"tune.maxrewrite\"; §4.2 \"http-response add-header\", \"http-response set-header\", \"http-request strict-mode\"; §8.5 \"PH\"",
		Since:  "0.2.0",
	},
	Run: runBufferTooSmall,
}

func runBufferTooSmall(p *lint.Pass) error {
	bufsize, maxrewrite := defaultBufsize, defaultMaxrewrite
	if d := p.Config.GlobalLookup("tune.bufsize"); d != nil {
		n, err := strconv.Atoi(d.Arg(1).Text())
		if err != nil || n <= 0 {
			return nil // HAProxy refuses it, or a variable: undecidable
		}
		bufsize = n
		if n < defaultBufsize {
			p.ReportWord(d, 1, "tune.bufsize %d is below the default 16384: responses with more than %d bytes of headers get 502 (PH), such requests 400, and HTTP/2 needs 16384",
				n, n-min(maxrewrite, n/2))
		}
	}
	if d := p.Config.GlobalLookup("tune.maxrewrite"); d != nil {
		if n, err := strconv.Atoi(d.Arg(1).Text()); err == nil && n >= 0 {
			maxrewrite = n
		}
	}
	maxrewrite = min(maxrewrite, bufsize/2)
	checkRewriteRoom(p, maxrewrite)
	return nil
}

// checkRewriteRoom reports, once per line, the header line with which the
// bytes added to a response by a frontend and the backend it routes to go
// beyond the rewrite reserve.
func checkRewriteRoom(p *lint.Pass, reserve int) {
	rt := analyzeRouting(p.Config, p.Options)
	reported := map[*lint.Directive]bool{}
	seen := map[[2]*lint.Section]bool{}
	added := map[*lint.Section][]*lint.Directive{}
	// Each section's lines are its own, then those of its defaults chain,
	// computed once per section however many proxies share the chain.
	var linesOf func(s *lint.Section) []*lint.Directive
	linesOf = func(s *lint.Section) []*lint.Directive {
		if lines, ok := added[s]; ok {
			return lines
		}
		lines := addedHeaderLines(s)
		if s.Defaults != nil {
			if inherited := linesOf(s.Defaults); len(inherited) > 0 {
				lines = append(lines[:len(lines):len(lines)], inherited...)
			}
		}
		added[s] = lines
		return lines
	}
	check := func(fe, be *lint.Section) {
		feLines, beLines := linesOf(fe), linesOf(be)
		if len(feLines)+len(beLines) == 0 || seen[[2]*lint.Section{fe, be}] {
			return // nothing added on this path, or already judged
		}
		seen[[2]*lint.Section{fe, be}] = true
		lines := feLines
		if be != fe {
			lines = append(append([]*lint.Directive(nil), lines...), beLines...)
		}
		total := 0
		for _, d := range lines {
			total += literalHeaderBytes(d)
			if total > reserve {
				if !reported[d] {
					reported[d] = true
					p.ReportWord(d, 2, "with this line up to %d literal header bytes are added to a response of %s %q, more than tune.maxrewrite %d: responses with large headers cannot be rewritten and get 500",
						total, be.Kind, be.Name, reserve)
				}
				return
			}
		}
	}
	for _, r := range rt.routes {
		if be := p.Config.Backend(r.Target); be != nil && !r.Dynamic {
			check(r.From, be)
		}
	}
	for _, s := range rt.reachedBackends {
		if rt.serving[s] {
			check(s, s)
		}
	}
}

// addedHeaderLines returns the section's own response rules that add or
// set a header (HAProxy also runs those of the defaults section above).
func addedHeaderLines(s *lint.Section) []*lint.Directive {
	var out []*lint.Directive
	for _, kw := range []string{"http-response", "http-after-response"} {
		for _, d := range s.Find(kw) {
			if (d.Arg(1).Text() == "add-header" || d.Arg(1).Text() == "set-header") && len(d.Words) >= 4 {
				out = append(out, d)
			}
		}
	}
	return out
}

// literalHeaderBytes counts the bytes a header line adds that do not come
// from samples: "Name: value" and CRLF, without %[...] expressions.
func literalHeaderBytes(d *lint.Directive) int {
	return len(d.Arg(2).Text()) + len(": \r\n") + len(stripSamples(d.Arg(3).Text()))
}

// stripSamples removes %[...] and %{...}-prefixed log-format variables.
func stripSamples(v string) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '%' && i+1 < len(v) && v[i+1] == '[' {
			if end := strings.IndexByte(v[i:], ']'); end > 0 {
				i += end
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

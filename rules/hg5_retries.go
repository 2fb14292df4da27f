package rules

import (
	"strconv"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// defaultRetries is HAProxy's "retries" when none is set (manual §4.2
// "retries": "The default value is 3", 2.6 to 3.4).
const defaultRetries = 3

// retryCount returns the number of connection retries in effect for s,
// the directive that set it (nil for HAProxy's default) and whether the
// value could be read.
func retryCount(s *lint.Section) (n int, d *lint.Directive, ok bool) {
	d = s.Effective("retries")
	if d == nil {
		return defaultRetries, nil, true
	}
	n, err := strconv.Atoi(d.Arg(1).Text())
	return n, d, err == nil && n >= 0
}

// retryOn returns the "retry-on" keywords in effect for s (HAProxy's
// default is "conn-failure") and the directive that set them, nil for the
// default. A later retry-on replaces an earlier one.
func retryOn(s *lint.Section) (keywords []string, d *lint.Directive) {
	d = s.Effective("retry-on")
	if d == nil {
		return []string{"conn-failure"}, nil
	}
	for _, w := range d.Args() {
		keywords = append(keywords, strings.ToLower(w.Text()))
	}
	return keywords, d
}

// retriesConnFailures reports whether retry-on lets HAProxy retry a failed
// connection: conn-failure (the default) or all-retryable-errors is named.
func retriesConnFailures(s *lint.Section) bool {
	kws, _ := retryOn(s)
	for _, k := range kws {
		if k == "conn-failure" || k == "all-retryable-errors" {
			return true
		}
	}
	return false
}

// retriesEmptyResponse reports whether s replays a request whose server
// connection closed without answering: retry-on names empty-response (or
// all-retryable-errors) and retries is not 0.
func retriesEmptyResponse(s *lint.Section) bool {
	if n, _, ok := retryCount(s); ok && n == 0 {
		return false
	}
	kws, _ := retryOn(s)
	for _, k := range kws {
		if k == "empty-response" || k == "all-retryable-errors" {
			return true
		}
	}
	return false
}

// replayingRetryKeyword reports whether a retry-on keyword retries a
// request the server has most likely received and may have processed: a
// timeout while waiting for the answer, a broken answer or an error status.
// conn-failure (nothing sent), 0rtt-rejected (refused unprocessed) and
// empty-response (nothing answered, the stale keep-alive case) are not.
func replayingRetryKeyword(k string) bool {
	switch k {
	case "response-timeout", "junk-response", "all-retryable-errors":
		return true
	}
	code, err := strconv.Atoi(k)
	return err == nil && code >= 400
}

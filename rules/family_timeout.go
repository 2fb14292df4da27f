package rules

import (
	"errors"
	"iter"

	"github.com/hapguard/hapguard/lint"
)

// timeoutRules are the HG4xx rules: timeouts.
func timeoutRules() []*lint.Rule {
	return []*lint.Rule{TimeoutMissing, TimeoutNoUnit, TimeoutInvalid, ServerTimeoutShort,
		ConnectOverServer, TCPTimeoutsDiffer, TunnelTimeoutMissing, MaxconnNoQueueTimeout, NoHTTPRequestTimeout}
}

// legacyTimeoutNames are the pre-2.1 spellings HAProxy now refuses; the
// unknown-directive rule owns them, the value rules skip them.
var legacyTimeoutNames = map[string]bool{"contimeout": true, "clitimeout": true, "srvtimeout": true}

// timeoutLine is one "timeout NAME VALUE" directive.
type timeoutLine struct {
	Directive *lint.Directive
	Name      string
}

// valueIndex is the word index of a timeout directive's value.
const valueIndex = 2

// timeoutLines returns every "timeout NAME [VALUE]" directive, in any section
// (proxies and defaults, but also resolvers, ring and mailers), where the
// value is written.
func timeoutLines(cfg *lint.Config) iter.Seq[timeoutLine] {
	return func(yield func(timeoutLine) bool) {
		for _, s := range cfg.Sections {
			for _, d := range s.Directives {
				if d.Keyword() != "timeout" || len(d.Words) < valueIndex || legacyTimeoutNames[d.Arg(1).Text()] {
					continue
				}
				if !yield(timeoutLine{Directive: d, Name: d.Arg(1).Text()}) {
					return
				}
			}
		}
	}
}

// errUndecidable means the value depends on an environment variable the
// configured environment does not tell.
var errUndecidable = errors.New("value depends on an unknown environment variable")

// timeoutValue decodes the value of a timeout directive, expanding
// environment variables when the environment is known.
func timeoutValue(p *lint.Pass, d *lint.Directive) (lint.Duration, error) {
	return durationWord(p, d.Arg(valueIndex))
}

// durationWord decodes a time value word. HAProxy expands variables only
// inside double quotes (manual §2.3): a quoted one is expanded when the
// environment is known, an unquoted one stays literal and fails to parse.
func durationWord(p *lint.Pass, w lint.Word) (lint.Duration, error) {
	text := w.Text()
	if w.VarsQuoted() {
		if p.Options.Env == nil {
			return lint.Duration{}, errUndecidable
		}
		text = w.Expand(p.Options.LookupEnv)
	}
	return lint.ParseDuration(text)
}

// effectiveTimeout returns the directive that sets timeout name for the
// section (its own or inherited) and its decoded value. set is false when
// the timeout is absent or 0 (HAProxy's "no timeout"); a value that cannot
// be decoded counts as set, since HG403 judges it.
func effectiveTimeout(p *lint.Pass, s *lint.Section, name string) (d *lint.Directive, v lint.Duration, set bool) {
	d = s.Effective("timeout", name)
	if d == nil {
		return nil, lint.Duration{}, false
	}
	v, err := timeoutValue(p, d)
	if err != nil {
		return d, v, true // invalid or undecidable: present, judged elsewhere
	}
	return d, v, v.Millis > 0
}

// isProxySettings reports whether s holds proxy settings: defaults,
// frontend, backend or listen.
func isProxySettings(s *lint.Section) bool {
	return s != nil && (s.Kind == "defaults" || s.IsProxy())
}

package bridge

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/spoe/confignote"
)

// finding is one lint diagnostic placed in the configuration: the
// directive it sits on and, for a server line, the server it names.
type finding struct {
	diag      lint.Diagnostic
	directive *lint.Directive
	note      confignote.Note
}

// scopeIndex places a lint result's findings in the sections they concern,
// so that an anomaly's backend finds its own findings, those of the
// defaults it inherits and those of global sections without a scan of the
// whole result.
type scopeIndex struct {
	cfg       *lint.Config
	bySection map[*lint.Section][]finding
	global    []finding
}

// newScopeIndex indexes diags (as returned by lint.Check on cfg). Findings
// that are not on a directive (a missing final newline, an orphan line)
// and findings in frontends explain no backend's anomaly and are left out.
func newScopeIndex(cfg *lint.Config, diags []lint.Diagnostic, redact *lint.Redactor) *scopeIndex {
	byLine := directivesByLine(cfg)
	idx := &scopeIndex{cfg: cfg, bySection: map[*lint.Section][]finding{}}
	for _, d := range diags {
		dir := byLine[lineKey{d.Pos.File, d.Pos.Line}]
		if dir == nil || dir.Section == nil {
			continue
		}
		f := finding{diag: d, directive: dir, note: confignote.Note{
			Rule: d.RuleID, Severity: d.Severity.String(), File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
			Source:  strings.TrimSpace(redact.Line(d.Pos.File, d.Pos.Line, dir.Raw())),
			Message: redact.Message(d.Message),
		}}
		switch dir.Section.Kind {
		case "global":
			idx.global = append(idx.global, f)
		case "defaults", "backend", "listen":
			idx.bySection[dir.Section] = append(idx.bySection[dir.Section], f)
		}
	}
	return idx
}

type lineKey struct {
	file string
	line int
}

// directivesByLine maps each line that holds a directive or a section
// header to it.
func directivesByLine(cfg *lint.Config) map[lineKey]*lint.Directive {
	out := map[lineKey]*lint.Directive{}
	for _, s := range cfg.Sections {
		out[lineKey{s.Header.Pos().File, s.Header.Pos().Line}] = s.Header
		for _, d := range s.Directives {
			out[lineKey{d.Pos().File, d.Pos().Line}] = d
		}
	}
	return out
}

// candidates returns the findings that can concern backend: its own, those
// of the defaults chain it inherits whose line is in effect for it, and
// global ones, nearest first. A rule with a finding in a nearer section is
// not repeated from a farther one: the nearest line is the one to change.
func (x *scopeIndex) candidates(backend string) []finding {
	sec := x.cfg.Backend(backend)
	if sec == nil {
		return nil
	}
	var out []finding
	nearer := map[string]bool{} // rules found in a nearer section
	for s := sec; s != nil; s = s.Defaults {
		here := map[string]bool{}
		for _, f := range x.bySection[s] {
			if nearer[f.diag.RuleID] || (s != sec && !inEffect(sec, f.directive)) {
				continue
			}
			out = append(out, f)
			here[f.diag.RuleID] = true
		}
		for id := range here {
			nearer[id] = true
		}
		if s.Defaults == s {
			break
		}
	}
	return append(out, x.global...)
}

// inEffect reports whether an inherited directive d still applies to sec:
// a section header (a finding about what the section lacks) always does;
// a setting does unless sec or a nearer defaults sets it again.
func inEffect(sec *lint.Section, d *lint.Directive) bool {
	if d == d.Section.Header {
		return true
	}
	switch key := settingKey(d); {
	case key == nil:
		return true
	case key[0] == "option":
		_, decider := sec.Option(key[1])
		return decider == d
	default:
		return sec.Effective(key...) == d
	}
}

// settingKey returns the words that name the single-value setting d sets
// ("timeout server", "option redispatch", "retries"), or nil when d is a
// list entry (rules, servers, default-server) that later lines add to
// rather than replace.
func settingKey(d *lint.Directive) []string {
	kw := d.Keyword()
	switch {
	case kw == "no" && d.Arg(1).Text() == "option":
		return []string{"option", d.Arg(2).Text()}
	case kw == "option" || kw == "timeout":
		return []string{kw, d.Arg(1).Text()}
	case kw == "default-server" || kw == "server" || kw == "server-template" ||
		strings.Contains(kw, "-request") || strings.Contains(kw, "-response") ||
		strings.HasPrefix(kw, "http-check") || strings.HasPrefix(kw, "tcp-check") || kw == "acl":
		return nil
	}
	return []string{kw}
}

// concernsServer reports whether a finding on d can concern server: any
// line that is not a server line does; a server line only when it declares
// that server (a server-template declares prefix1..prefixN).
func concernsServer(d *lint.Directive, server string) bool {
	switch d.Keyword() {
	case "server":
		return d.Arg(1).Text() == server
	case "server-template":
		prefix := d.Arg(1).Text()
		rest, ok := strings.CutPrefix(server, prefix)
		return ok && rest != "" && strings.Trim(rest, "0123456789") == ""
	}
	return true
}

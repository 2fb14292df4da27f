package rules

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// RepeatedSetting reports a single-value setting written twice in one
// section: HAProxy keeps the last one without a word (it warns only for
// timeouts), so the value the author reads first is not the one in force.
var RepeatedSetting = &lint.Rule{
	ID:       "HG007",
	Name:     "repeated-setting",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Single-value setting given twice in one section: the earlier value is silently ignored",
		Why: `Settings such as mode, balance, retries, default_backend or a timeout hold one
value per section; when one is written twice, HAProxy keeps the last and drops
the first without an error (2.6 warns for timeouts only). In long, merged or
templated configurations the line an operator reads is often the dropped one:
a "timeout server 5s" left below "timeout server 60s" cuts slow responses with
504, a second default_backend sends unmatched traffic to a backend nobody
expected, a second "mode tcp" turns an HTTP proxy into a TCP one. The same
value twice is only noise and is reported as info.`,
		Bad:    "backend be_app\n    timeout server 60s\n    balance roundrobin\n    timeout server 5s\n    server s1 10.0.0.1:8080 check",
		Good:   "backend be_app\n    balance roundrobin\n    timeout server 60s\n    server s1 10.0.0.1:8080 check",
		Fix:    "Delete the line that is not meant; keep one occurrence per section.",
		Manual: "configuration.txt §4 (Proxies), §4.2 (keyword reference: mode, balance, retries, default_backend, timeout ...)",
		Since:  "0.1.0",
	},
	Run: runRepeatedSetting,
}

// singleValueSettings are keywords whose last occurrence in a section
// replaces the earlier ones. "timeout" is keyed with its second word.
var singleValueSettings = map[string]bool{
	"mode": true, "balance": true, "retries": true, "maxconn": true, "fullconn": true,
	"default_backend": true, "cookie": true, "http-reuse": true, "hash-type": true,
	"log-format": true, "unique-id-format": true, "unique-id-header": true, "backlog": true,
	"timeout": true, "nbthread": true, "server-state-file": true, "load-server-state-from-file": true,
}

func runRepeatedSetting(p *lint.Pass) error {
	for _, s := range p.Config.Sections {
		if s.Kind != "global" && s.Kind != "defaults" && !s.IsProxy() {
			continue
		}
		seen := map[string]*lint.Directive{}
		for _, d := range s.Directives {
			key, ok := settingKey(d)
			if !ok {
				continue
			}
			if first, dup := seen[key]; dup {
				reportRepeated(p, s, key, first, d)
			}
			seen[key] = d
		}
	}
	return nil
}

// settingKey names the setting a directive sets ("timeout server"), if it
// is a single-value one.
func settingKey(d *lint.Directive) (string, bool) {
	kw := d.Keyword()
	if !singleValueSettings[kw] || len(d.Words) < 2 {
		return "", false
	}
	if kw == "timeout" {
		return "timeout " + d.Words[1].Text(), len(d.Words) > 2
	}
	return kw, true
}

func reportRepeated(p *lint.Pass, s *lint.Section, key string, first, again *lint.Directive) {
	where := s.Kind
	if s.Name != "" {
		where = fmt.Sprintf("%s %q", s.Kind, s.Name)
	}
	d := lint.Diagnostic{Pos: again.PosOf(0), End: again.EndOf(0)}
	if sameValue(first, again) {
		d.Severity = lint.Info
		d.Message = fmt.Sprintf("%s is set again in %s with the same value (first at line %d): remove the repetition", key, where, first.Pos().Line)
	} else {
		d.Message = fmt.Sprintf("%s is set twice in %s: %q (line %d) is silently replaced by %q", key, where,
			first.Text(), first.Pos().Line, again.Text())
	}
	p.Report(d)
}

func sameValue(a, b *lint.Directive) bool {
	return strings.EqualFold(a.Text(), b.Text())
}

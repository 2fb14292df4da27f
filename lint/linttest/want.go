package linttest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/hapguard/hapguard/lint"
)

type want struct {
	pos     lint.Pos
	ruleID  string
	pattern *regexp.Regexp
	matched bool
}

var (
	wantComment = regexp.MustCompile(`#\s*want\s+(.*)$`)
	wantItem    = regexp.MustCompile(`^(HG[0-9]{3})(?::"((?:[^"\\]|\\.)*)")?$`)
	headerLine  = regexp.MustCompile(`^\s*#\s*linttest-([a-z-]+):\s*(.*?)\s*$`)
)

func parseFile(in lint.Input, opts *lint.Options) ([]want, error) {
	var wants []want
	for i, line := range strings.Split(string(in.Data), "\n") {
		if m := headerLine.FindStringSubmatch(line); m != nil {
			if err := applyHeader(m[1], m[2], opts); err != nil {
				return nil, fmt.Errorf("%s:%d: %w", in.Name, i+1, err)
			}
			continue
		}
		m := wantComment.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		w, err := parseWants(m[1], lint.Pos{File: in.Name, Line: i + 1})
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", in.Name, i+1, err)
		}
		wants = append(wants, w...)
	}
	return wants, nil
}

func parseWants(spec string, pos lint.Pos) ([]want, error) {
	var wants []want
	for _, item := range splitItems(spec) {
		if strings.HasPrefix(item, "+") {
			n, err := strconv.Atoi(item[1:])
			if err != nil {
				return nil, fmt.Errorf("bad line offset %q", item)
			}
			pos.Line += n
			continue
		}
		m := wantItem.FindStringSubmatch(item)
		if m == nil {
			return nil, fmt.Errorf("bad want item %q", item)
		}
		w := want{pos: pos, ruleID: m[1]}
		if m[2] != "" {
			re, err := regexp.Compile(strings.ReplaceAll(m[2], `\"`, `"`))
			if err != nil {
				return nil, fmt.Errorf("bad pattern: %w", err)
			}
			w.pattern = re
		}
		wants = append(wants, w)
	}
	return wants, nil
}

// splitItems splits on blanks outside double quotes.
func splitItems(s string) []string {
	var items []string
	var cur strings.Builder
	inQuote := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && inQuote && i+1 < len(s):
			cur.WriteByte(c)
			i++
			cur.WriteByte(s[i])
			continue
		case c == '"':
			inQuote = !inQuote
		case (c == ' ' || c == '\t') && !inQuote:
			if cur.Len() > 0 {
				items = append(items, cur.String())
				cur.Reset()
			}
			continue
		}
		cur.WriteByte(c)
	}
	if cur.Len() > 0 {
		items = append(items, cur.String())
	}
	return items
}

func applyHeader(key, value string, opts *lint.Options) error {
	switch key {
	case "version":
		v, err := lint.ParseLTS(value)
		opts.HAProxyVersion = v
		return err
	case "env":
		if opts.Env == nil {
			opts.Env = map[string]string{}
		}
		name, val, _ := strings.Cut(value, "=")
		if name != "" {
			opts.Env[name] = val
		}
		return nil
	case "min-server-timeout":
		d, err := time.ParseDuration(value)
		opts.MinServerTimeout = d
		return err
	}
	return fmt.Errorf("unknown linttest header %q", key)
}

// compare matches diagnostics to expectations and describes every mismatch.
func compare(wants []want, diags []lint.Diagnostic) []string {
	var problems []string
	for _, d := range diags {
		if !claim(wants, d) {
			problems = append(problems, fmt.Sprintf("%s: unexpected diagnostic: %s: %s [%s]",
				d.Pos, d.Severity, d.Message, d.RuleID))
		}
	}
	for _, w := range wants {
		if !w.matched {
			desc := w.ruleID
			if w.pattern != nil {
				desc += fmt.Sprintf(" matching %q", w.pattern)
			}
			problems = append(problems, fmt.Sprintf("%s:%d: missing diagnostic %s", w.pos.File, w.pos.Line, desc))
		}
	}
	return problems
}

func claim(wants []want, d lint.Diagnostic) bool {
	for i := range wants {
		w := &wants[i]
		if w.matched || w.ruleID != d.RuleID || w.pos.File != d.Pos.File || w.pos.Line != d.Pos.Line {
			continue
		}
		if w.pattern != nil && !w.pattern.MatchString(d.Message) {
			continue
		}
		w.matched = true
		return true
	}
	return false
}

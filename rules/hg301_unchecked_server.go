package rules

import (
	"strconv"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// UncheckedServer reports servers that receive traffic without health
// checks.
var UncheckedServer = &lint.Rule{
	ID:       "HG301",
	Name:     "server-without-check",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Server without health check",
		Why: `Without "check" HAProxy considers a server always up. When it dies, it keeps
receiving its share of the requests, and each of them fails with 503 (connect
refused, after retries) or 504 (connect timeout) while healthy servers sit
next to it. In a backend of two or more servers this is a warning; a lone
unchecked server is reported as info, since there is nowhere else to send
traffic, though a check still makes the outage visible. Servers that are
disabled, backup, tracking another server ("track"), or checked through
"check" in a default-server line are not reported. "agent-check" alone does
not count: an unreachable agent does not mark the server down. The unchecked
servers of one section are reported together, once, at the first of them.`,
		Bad:    "backend be_app\n    server s1 10.0.0.1:8080\n    server s2 10.0.0.2:8080",
		Good:   "backend be_app\n    default-server check\n    server s1 10.0.0.1:8080\n    server s2 10.0.0.2:8080",
		Fix:    "Add \"check\" to each server, or once to a default-server line of the backend or of its defaults section.",
		Manual: "configuration.txt §5.2 \"check\", \"track\", \"agent-check\"; §4.2 \"default-server\"",
		Since:  "0.1.0",
	},
	Run: runUncheckedServer,
}

func runUncheckedServer(p *lint.Pass) error {
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		views := s.EffectiveServers()
		active := activeServerCount(views)
		var unchecked []lint.Server
		for _, v := range views {
			if needsCheck(v) {
				unchecked = append(unchecked, v)
			}
		}
		if len(unchecked) == 0 {
			continue
		}
		first := unchecked[0].Line
		d := lint.Diagnostic{
			Pos: first.Directive.PosOf(first.NameIndex), End: first.Directive.EndOf(first.NameIndex),
			Message: uncheckedMessage(unchecked, s, active),
		}
		if active < 2 {
			d.Severity = lint.Info
		}
		p.Report(d)
	}
	return nil
}

// needsCheck reports whether a server takes regular traffic unchecked.
func needsCheck(v lint.Server) bool {
	if v.Checked() || v.Flag("disabled", "enabled") || v.Flag("backup", "no-backup") {
		return false
	}
	_, _, tracked := v.Option("track")
	return !tracked
}

// uncheckedMessage describes the unchecked servers of one section, once:
// a single "check" on a default-server line fixes them all.
func uncheckedMessage(unchecked []lint.Server, s *lint.Section, active int) string {
	v := unchecked[0]
	kind := "server"
	if v.Line.Template {
		kind = "server-template"
	}
	var b strings.Builder
	if len(unchecked) == 1 {
		b.WriteString(kind + " \"" + v.Line.Name() + "\" has no health check")
	} else {
		names := make([]string, len(unchecked))
		for i, u := range unchecked {
			names[i] = strconv.Quote(u.Line.Name())
		}
		b.WriteString(strconv.Itoa(len(unchecked)) + " servers of " + s.Kind + " \"" + s.Name + "\" (" + nameList(names) + ") have no health check")
	}
	for _, u := range unchecked {
		if u.Flag("agent-check", "no-agent-check") {
			b.WriteString(" (agent-check alone does not detect a dead server)")
			break
		}
	}
	if active < 2 {
		b.WriteString(": it is the only server of " + s.Kind + " \"" + s.Name + "\", so an outage shows up only as failed requests")
		return b.String()
	}
	if len(unchecked) > 1 {
		b.WriteString(": one that dies keeps its share of the traffic (" + strconv.Itoa(active) + " servers), answered with 503/504; add \"check\" (once, on a default-server line)")
		return b.String()
	}
	b.WriteString(": if it dies it keeps its share of the traffic of " + s.Kind + " \"" + s.Name + "\" (" +
		strconv.Itoa(active) + " servers), answered with 503/504")
	return b.String()
}

// activeServerCount counts the servers that take regular traffic, a
// server-template counting for as many servers as it declares.
func activeServerCount(views []lint.Server) int {
	n := 0
	for _, v := range views {
		if v.Flag("disabled", "enabled") || v.Flag("backup", "no-backup") {
			continue
		}
		n += templateCount(v.Line)
	}
	return n
}

// templateCount returns how many servers a line declares: 1 for a server,
// the count or range size for a server-template.
func templateCount(sl *lint.ServerLine) int {
	if !sl.Template {
		return 1
	}
	spec := sl.Directive.Arg(2).Text()
	lo, hi, isRange := strings.Cut(spec, "-")
	a, err1 := strconv.Atoi(lo)
	if !isRange {
		if err1 != nil || a < 1 {
			return 1
		}
		return a
	}
	b, err2 := strconv.Atoi(hi)
	if err1 != nil || err2 != nil || b < a {
		return 1
	}
	return b - a + 1
}

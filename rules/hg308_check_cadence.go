package rules

import (
	"fmt"
	"strconv"
	"time"

	"github.com/hapguard/hapguard/lint"
)

// Check cadence defaults (manual §5.2 "inter", "fall") and the detection
// time above which a dead server is considered noticed too late.
const (
	defaultCheckInter = 2 * time.Second
	defaultCheckFall  = 3
	slowDetection     = 30 * time.Second
)

// CheckCadence reports check settings that flap or notice a dead server
// too late.
var CheckCadence = &lint.Rule{
	ID:       "HG308",
	Name:     "check-cadence",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "Health check cadence that flaps or detects failure too slowly",
		Why: `With "fall 1" a single lost check packet or one slow answer takes a server out
of rotation; servers then flap, and when several flap together the backend has
nobody left and answers 503. At the other end, a dead server is only marked
DOWN after "inter" + ("fall" - 1) x "fastinter" (fastinter defaults to inter):
every request sent to it meanwhile fails with 503/504. The rule reports fall 1
and detection times above 30s.`,
		Bad:    "backend be_app\n    server s1 10.0.0.1:8080 check inter 30s fall 5\n    server s2 10.0.0.2:8080 check fall 1",
		Good:   "backend be_app\n    default-server check inter 2s fastinter 1s fall 3 rise 2\n    server s1 10.0.0.1:8080\n    server s2 10.0.0.2:8080",
		Fix:    "Use fall 2 or more, and keep inter + (fall - 1) x fastinter within a few seconds (fastinter shortens the confirmation).",
		Manual: "configuration.txt §5.2 \"inter\", \"fastinter\", \"fall\", \"rise\"",
		Since:  "0.1.0",
	},
	Run: runCheckCadence,
}

func runCheckCadence(p *lint.Pass) error {
	seen := map[lint.Pos]bool{}
	report := func(v lint.Server, name, msg string) {
		src, _ := v.Source(name)
		pos := src.Directive().PosOf(src.Option.Index)
		if !seen[pos] {
			seen[pos] = true
			p.ReportWord(src.Directive(), src.Option.Index, "%s", msg)
		}
	}
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		for _, v := range s.EffectiveServers() {
			if !v.Checked() {
				continue
			}
			fall, fallSet := intOption(v, "fall", defaultCheckFall)
			if fallSet && fall == 1 {
				report(v, "fall", "\"fall 1\" marks a server DOWN after a single failed check: servers flap on one lost packet")
				continue
			}
			if d, culprit := detectionTime(p, v, fall); d > slowDetection && culprit != "" {
				report(v, culprit, fmt.Sprintf("a dead server is marked DOWN only after about %s (inter + (fall-1) x fastinter): its requests fail meanwhile", d))
			}
		}
	}
	return nil
}

// detectionTime estimates how long a dead server keeps traffic, and names
// the option most responsible ("" when every setting is a default).
func detectionTime(p *lint.Pass, v lint.Server, fall int) (time.Duration, string) {
	inter, interSet := durationOption(p, v, "inter", defaultCheckInter)
	fast, fastSet := durationOption(p, v, "fastinter", inter)
	total := inter + time.Duration(fall-1)*fast
	switch {
	case fastSet && time.Duration(fall-1)*fast > inter:
		return total, "fastinter"
	case interSet:
		return total, "inter"
	case fall != defaultCheckFall:
		return total, "fall"
	}
	return total, ""
}

func intOption(v lint.Server, name string, def int) (int, bool) {
	o, _, ok := v.Option(name)
	if !ok {
		return def, false
	}
	n, err := strconv.Atoi(o.Value)
	if err != nil || n < 1 {
		return def, false
	}
	return n, true
}

func durationOption(p *lint.Pass, v lint.Server, name string, def time.Duration) (time.Duration, bool) {
	src, ok := v.Source(name)
	if !ok {
		return def, false
	}
	d, err := durationWord(p, src.Directive().Arg(src.Option.Index+1))
	if err != nil || d.Millis == 0 {
		return def, false
	}
	return time.Duration(d.Millis) * time.Millisecond, true
}

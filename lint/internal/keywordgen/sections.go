package main

import (
	"regexp"
	"strings"
)

var (
	matrixRow  = regexp.MustCompile(`^(\S.*?)\s{2,}(X|-)( \(!\))?\s+(X|-)\s+(X|-)\s+(X|-)\s*$`)
	globalRow  = regexp.MustCompile(`^\s+- ([a-z0-9][a-z0-9._-]*)\s*$`)
	optionRow  = regexp.MustCompile(`^([a-z0-9][a-z0-9._-]*)( [<\[].*)?$`)
	actionCols = regexp.MustCompile(`^([a-z][a-z0-9._-]*)\s+((?:[X-]\s+)+[X-])\s*$`)
	actionHead = regexp.MustCompile(`^(http-request|http-response|http-after-response|tcp-request connection|tcp-request session|tcp-request content|tcp-response content) ([a-z][a-z0-9._-]*)`)
)

// actionRulesets are the rule sets of §4.3's matrix, in its column order
// (the rightmost seven; 3.2 adds a QUIC column on the left).
var actionRulesets = []string{"tcp-request connection", "tcp-request session", "tcp-request content",
	"tcp-response content", "http-request", "http-response", "http-after-response"}

type proxyEntry struct {
	cols      [4]bool // defaults frontend listen backend
	named     bool    // only in named defaults
	negatable bool    // marked (*): takes the "no" and "default" prefixes
	versions  int
}

type optionEntry struct {
	versions int
	value    bool
}

func readMatrix(lines []string, bit int, out map[string]*proxyEntry) {
	for _, l := range between(lines, "4.1. Proxy keywords matrix", "4.2. ") {
		m := matrixRow.FindStringSubmatch(l)
		if m == nil || strings.HasPrefix(m[1], "keyword") {
			continue
		}
		kw := strings.TrimSpace(strings.NewReplacer("(*)", "", "(deprecated)", "").Replace(m[1]))
		e := out[kw]
		if e == nil {
			e = &proxyEntry{}
			out[kw] = e
		}
		for i, c := range []string{m[2], m[4], m[5], m[6]} {
			e.cols[i] = e.cols[i] || c == "X"
		}
		e.named = m[3] != ""
		e.negatable = e.negatable || strings.Contains(m[1], "(*)")
		e.versions |= bit
	}
}

func readGlobal(lines []string, bit int, out map[string]int) {
	for _, l := range between(lines, "3. Global ", "3.1. ") {
		if m := globalRow.FindStringSubmatch(l); m != nil {
			out[m[1]] |= bit
		}
	}
}

// readOptions reads the option headings of §5.1 or §5.2: a word at the
// start of a line, alone or followed by its <argument>.
func readOptions(section []string, bit int, out map[string]optionEntry) {
	for _, l := range section {
		if m := optionRow.FindStringSubmatch(l); m != nil {
			e := out[m[1]]
			e.versions |= bit
			e.value = e.value || m[2] != ""
			out[m[1]] = e
		}
	}
}

// readActions reads §4.3's actions matrix (3.0 and newer) or, for older
// manuals, the "<rule set> <action>" entry headings of §4.2.
func readActions(lines []string, bit int, out map[string]map[string]int) {
	add := func(ruleset, action string) {
		if out[ruleset] == nil {
			out[ruleset] = map[string]int{}
		}
		out[ruleset][actionName(action)] |= bit
	}
	if matrix := between(lines, "4.3. Actions keywords matrix", "4.4. "); matrix != nil {
		for _, l := range matrix {
			m := actionCols.FindStringSubmatch(l)
			if m == nil {
				continue
			}
			cols := strings.Fields(m[2])
			cols = cols[len(cols)-len(actionRulesets):]
			for i, c := range cols {
				if c == "X" {
					add(actionRulesets[i], m[1])
				}
			}
		}
		return
	}
	for _, l := range between(lines, "4.2. Alphabetically sorted keywords reference", "5. ") {
		if m := actionHead.FindStringSubmatch(l); m != nil && m[2] != "if" && m[2] != "unless" {
			add(m[1], m[2])
		}
	}
}

// actionName folds "track-sc0".."track-sc2" into "track-sc", the form the
// matrix uses.
func actionName(a string) string {
	if strings.HasPrefix(a, "track-sc") && strings.Trim(a[len("track-sc"):], "0123456789") == "" {
		return "track-sc"
	}
	return a
}

package rules

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// writeCorpusReport writes one line per file: file, haproxy -c exit status,
// and its error findings as "ID line:col message", separated by " | ".
func writeCorpusReport(path string, results []corpusResult) error {
	var b strings.Builder
	b.WriteString("file\thaproxy_c_exit\terror_findings\n")
	for _, r := range results {
		var items []string
		for _, d := range r.Errors {
			items = append(items, fmt.Sprintf("%s %d:%d %s", d.RuleID, d.Pos.Line, d.Pos.Col, d.Message))
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", r.File, r.Exit, strings.ReplaceAll(strings.Join(items, " | "), "\t", " "))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("corpus report: %w", err)
	}
	return nil
}

// logCorpusSummary logs the figures: files per set, error findings by rule
// on accepted and rejected files, and the slowest file.
func logCorpusSummary(t *testing.T, results []corpusResult) {
	t.Helper()
	onAccepted, onRejected := map[string]int{}, map[string]int{}
	var slowest corpusResult
	for _, r := range results {
		for _, d := range r.Errors {
			if r.accepted() {
				onAccepted[d.RuleID]++
			} else {
				onRejected[d.RuleID]++
			}
		}
		if r.Elapsed > slowest.Elapsed {
			slowest = r
		}
	}
	t.Logf("corpus: %d files linted; slowest %s in %s", len(results), slowest.File, slowest.Elapsed)
	t.Logf("error findings on files haproxy -c accepts: %s", countsByRule(onAccepted))
	t.Logf("error findings on files haproxy -c rejects: %s", countsByRule(onRejected))
}

func countsByRule(counts map[string]int) string {
	ids := make([]string, 0, len(counts))
	for id := range counts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var parts []string
	for _, id := range ids {
		parts = append(parts, id+"="+strconv.Itoa(counts[id]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

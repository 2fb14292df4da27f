package lint

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// reportingRule reports one finding per line of cfg's first file, each
// rule starting at a different line so that findings interleave.
func reportingRule(id string, offset int) *Rule {
	r := validRule(id, "reports-"+strings.ToLower(id))
	r.Run = func(p *Pass) error {
		f := p.Config.Files[0]
		for i := range f.LineCount() {
			n := (i+offset)%f.LineCount() + 1
			p.Reportf(Pos{File: f.Name, Line: n, Col: 1}, "%s on line %d", id, n)
			if i%3 == 0 {
				runtime.Gosched() // let the other rules' goroutines interleave
			}
		}
		return nil
	}
	return r
}

var errRuleFault = errors.New("cannot judge")

func TestRunKeepsOtherFindingsWhenARuleFails(t *testing.T) {
	panicking := validRule("HG002", "panics")
	panicking.Run = func(p *Pass) error {
		p.Reportf(Pos{File: "a.cfg", Line: 1, Col: 1}, "reported before the panic")
		var m map[string]int
		m["boom"]++ // a nil-map write: a runtime panic, as a bug in a rule would cause
		return nil
	}
	failing := validRule("HG003", "fails")
	failing.Run = func(*Pass) error { return errRuleFault }
	rules := []*Rule{reportingRule("HG001", 0), panicking, failing, reportingRule("HG004", 1)}
	cfg := load(t, DefaultOptions(), "backend a\n    server s1 10.0.0.1:80\n")

	diags, err := Run(cfg, rules, DefaultOptions())

	if err == nil {
		t.Fatal("Run returned no error for a panicking and a failing rule")
	}
	for _, want := range []string{"rule HG002 (panics) panicked: assignment to entry in nil map", "rule HG003 (fails): cannot judge"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if !errors.Is(err, errRuleFault) {
		t.Errorf("the failing rule's error is not wrapped: %v", err)
	}
	count := map[string]int{}
	for _, d := range diags {
		count[d.RuleID]++
	}
	if count["HG001"] != 2 || count["HG004"] != 2 {
		t.Errorf("findings per rule %v: want both lines from HG001 and HG004", count)
	}
}

func TestCheckKeepsOtherFindingsWhenARulePanics(t *testing.T) {
	panicking := validRule("HG002", "panics")
	panicking.Run = func(*Pass) error { panic("rule bug") }
	all := []*Rule{reportingRule("HG001", 0), panicking}
	_, diags, err := Check([]Input{{Name: "a.cfg", Data: []byte("backend a\n")}},
		Settings{Options: DefaultOptions(), Rules: all, InlineIgnores: true, Resolve: NewResolver(all)})
	if err == nil || !strings.Contains(err.Error(), "rule HG002 (panics) panicked: rule bug") {
		t.Errorf("Check error %v: want the panic named", err)
	}
	if len(diags) != 1 || diags[0].RuleID != "HG001" {
		t.Errorf("Check findings %v: want HG001's one finding", diags)
	}
}

// TestRunOutputIndependentOfGOMAXPROCS runs rules whose findings interleave
// with 1, 2 and 8 processors, several times each: the output is identical.
func TestRunOutputIndependentOfGOMAXPROCS(t *testing.T) {
	var rules []*Rule
	for i := range 12 {
		rules = append(rules, reportingRule(fmt.Sprintf("HG%03d", 101+i), i*7))
	}
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "backend b%d\n", i)
	}
	cfg := load(t, DefaultOptions(), b.String())
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want []Diagnostic
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		for range 3 {
			got, err := Run(cfg, rules, DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if want == nil {
				want = got
				continue
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("GOMAXPROCS=%d: output differs (-first +this run):\n%s", procs, diff)
			}
		}
	}
	if len(want) != 12*40 {
		t.Fatalf("%d findings, want %d", len(want), 12*40)
	}
}

// A rule's findings cross several chunks and come back in report order.
func TestFindingsKeepReportOrderAcrossChunks(t *testing.T) {
	var f findings
	for i := range 1000 {
		f.add(Diagnostic{Pos: Pos{Line: i + 1}})
	}
	if len(f.chunks) < 4 || f.len() != 1000 {
		t.Fatalf("%d chunks, %d findings", len(f.chunks), f.len())
	}
	for i, d := range f.appendTo(nil) {
		if d.Pos.Line != i+1 {
			t.Fatalf("finding %d has line %d", i, d.Pos.Line)
		}
	}
}

package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func load(t *testing.T, opts Options, files ...string) *Config {
	t.Helper()
	var inputs []Input
	for i, f := range files {
		inputs = append(inputs, Input{Name: string(rune('a'+i)) + ".cfg", Data: []byte(f)})
	}
	return Load(inputs, opts)
}

type sectionSummary struct {
	Kind, Name, Defaults string
	Keywords             []string
}

func summarize(c *Config) []sectionSummary {
	var out []sectionSummary
	for _, s := range c.Sections {
		sum := sectionSummary{Kind: s.Kind, Name: s.Name}
		if s.Defaults != nil {
			sum.Defaults = s.Defaults.Name
		}
		for _, d := range s.Directives {
			sum.Keywords = append(sum.Keywords, d.Keyword())
		}
		out = append(out, sum)
	}
	return out
}

func TestLoadResolvesDefaultsAndConditions(t *testing.T) {
	cfg := load(t, Options{HAProxyVersion: Version{2, 6}, Env: map[string]string{"PROD": "1"}}, `
defaults base
    timeout server 30s
defaults other
    mode tcp
backend be_a from base
.if defined(PROD)
    server prod 10.0.0.1:80
.elif defined(STAGING)
    server staging 10.0.0.2:80
.else
    server dev 127.0.0.1:80
.endif
.if version_atleast(3.0)
    server new 10.0.0.3:80
.endif
backend be_b
    balance roundrobin
`, `backend be_c
`)
	want := []sectionSummary{
		{Kind: "defaults", Name: "base", Keywords: []string{"timeout"}},
		{Kind: "defaults", Name: "other", Keywords: []string{"mode"}},
		{Kind: "backend", Name: "be_a", Defaults: "base", Keywords: []string{"server"}},
		{Kind: "backend", Name: "be_b", Defaults: "other", Keywords: []string{"balance"}},
		{Kind: "backend", Name: "be_c", Defaults: "other"},
	}
	if diff := cmp.Diff(want, summarize(cfg)); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	if got := cfg.Backend("be_a").Servers()[0].Arg(1).Text(); got != "prod" {
		t.Errorf("active .if branch server = %q, want prod", got)
	}
	if d := cfg.Backend("be_a").Effective("timeout", "server"); d == nil || d.Pos().Line != 3 {
		t.Errorf("inherited timeout server = %+v, want line 3 of the base defaults", d)
	}
}

func TestLoadReportsUnbalancedConditions(t *testing.T) {
	cfg := load(t, DefaultOptions(), ".endif\n.if 1\nbackend x\n")
	var got []string
	for _, f := range cfg.Faults {
		got = append(got, f.Pos.String()+" "+f.Message)
	}
	want := []string{"a.cfg:1:1 .endif without .if",
		"a.cfg:3 missing .endif: a conditional block is still open at the end of the file"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("faults (-want +got):\n%s", diff)
	}
}

func TestServerLineDecodesOptionsWithPositions(t *testing.T) {
	cfg := load(t, DefaultOptions(), "backend b\n    server s1 10.0.0.1:80 check inter 2s frobnicate weight 0\n")
	sl := cfg.ServerLine(cfg.Backend("b").Servers()[0])
	want := []ServerOption{
		{Name: "check", Index: 3},
		{Name: "inter", Value: "2s", HasValue: true, Index: 4},
		{Name: "weight", Value: "0", HasValue: true, Index: 7},
	}
	if diff := cmp.Diff(want, sl.Options()); diff != "" {
		t.Errorf("options (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{6}, sl.Unknown()); diff != "" {
		t.Errorf("unknown words (-want +got):\n%s", diff)
	}
	if sl.Addr().Text() != "10.0.0.1:80" || sl.Name() != "s1" || !sl.Flag("check") {
		t.Errorf("addr=%q name=%q check=%v", sl.Addr().Text(), sl.Name(), sl.Flag("check"))
	}
}

// TestLoadKeepsEverythingAfterAVeryLongLine: config-parser's scanner
// silently drops the rest of a file after a 64 KiB line; the loader must not.
func TestLoadKeepsEverythingAfterAVeryLongLine(t *testing.T) {
	long := "    acl big path " + strings.Repeat("/x", 100_000) + "\n"
	cfg := load(t, DefaultOptions(), "backend b\n"+long+"    server s1 10.0.0.1:80\nbackend c\n")
	if got := len(cfg.Backend("b").Servers()); got != 1 {
		t.Errorf("servers after the long line = %d, want 1", got)
	}
	if cfg.Backend("c") == nil {
		t.Error("the section after the long line was lost")
	}
	if n := len(cfg.Backend("b").Directives[0].Words); n != 4 {
		t.Errorf("long line has %d words, want 4", n)
	}
}

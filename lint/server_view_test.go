package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// serverStates summarises each server of the named backend: its name and
// the given flags as on/off, plus where its weight comes from.
func serverStates(t *testing.T, cfg *Config, backend string) []string {
	t.Helper()
	var out []string
	for _, v := range cfg.Backend(backend).EffectiveServers() {
		s := fmt.Sprintf("%s disabled=%t backup=%t", v.Line.Name(), v.Flag("disabled", "enabled"), v.Flag("backup", "no-backup"))
		if src, ok := v.Source("weight"); ok {
			_, own, _ := v.Option("weight")
			s += fmt.Sprintf(" weight=%s@%d own=%t", src.Option.Value, src.Directive().Pos().Line, own)
		}
		out = append(out, s)
	}
	return out
}

func TestServerViewIsPositional(t *testing.T) {
	cfg := load(t, DefaultOptions(), `defaults base
    default-server weight 5 disabled
defaults child from base
    default-server enabled
backend be_pos
    server s1 10.0.0.1:80
    default-server disabled backup
    server s2 10.0.0.2:80
    default-server enabled weight 0
    server s3 10.0.0.3:80 no-backup weight 7
backend be_inherit from base
    server i1 10.0.0.1:80
    default-server enabled
    server i2 10.0.0.2:80
backend be_chain from child
    server c1 10.0.0.1:80 disabled
    server c2 10.0.0.2:80
`)
	got := map[string][]string{}
	for _, name := range []string{"be_pos", "be_inherit", "be_chain"} {
		got[name] = serverStates(t, cfg, name)
	}
	want := map[string][]string{
		// be_pos inherits "child" (the last defaults above it), which
		// inherits "base".
		"be_pos": {
			"s1 disabled=false backup=false weight=5@2 own=false",
			"s2 disabled=true backup=true weight=5@2 own=false",
			"s3 disabled=false backup=false weight=7@10 own=true",
		},
		"be_inherit": {
			"i1 disabled=true backup=false weight=5@2 own=false",
			"i2 disabled=false backup=false weight=5@2 own=false",
		},
		"be_chain": {
			"c1 disabled=true backup=false weight=5@2 own=false",
			"c2 disabled=false backup=false weight=5@2 own=false",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("effective servers (-want +got):\n%s", diff)
	}
}

func TestServerViewMentionsAndChecked(t *testing.T) {
	cfg := load(t, DefaultOptions(), `backend be
    server s0 10.0.0.1:443
    default-server ssl check
    server s1 10.0.0.1:443 no-ssl
    default-server no-check
    server s2 10.0.0.2:443 check
    server s3 10.0.0.3:443
`)
	var got []string
	for _, v := range cfg.Backend("be").EffectiveServers() {
		got = append(got, fmt.Sprintf("%s ssl=%t mentions-ssl=%t checked=%t",
			v.Line.Name(), v.Flag("ssl", "no-ssl"), v.Mentions("ssl"), v.Checked()))
	}
	want := []string{
		"s0 ssl=false mentions-ssl=false checked=false",
		"s1 ssl=false mentions-ssl=true checked=true",
		"s2 ssl=true mentions-ssl=true checked=true",
		"s3 ssl=true mentions-ssl=true checked=false",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestServerViewSharesStates guards the linear cost: the servers below one
// default-server line share one state, so N servers cost no N copies of it.
func TestServerViewSharesStates(t *testing.T) {
	var b strings.Builder
	b.WriteString("backend be\n    default-server check inter 2s\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "    server s%d 10.0.%d.%d:80\n", i, i/250, i%250+1)
		if i == 500 {
			b.WriteString("    default-server fall 2\n")
		}
	}
	cfg := load(t, DefaultOptions(), b.String())
	states := map[*serverDefaults]int{}
	for _, v := range cfg.Backend("be").EffectiveServers() {
		states[v.defaults]++
	}
	if len(states) != 2 {
		t.Fatalf("%d distinct default-server states for 1000 servers below 2 lines, want 2", len(states))
	}
}

// TestServerViewReadsNewerOptions covers options config-parser does not
// decode ("init-state", HAProxy 3.2): they are in effect like the others.
func TestServerViewReadsNewerOptions(t *testing.T) {
	cfg := load(t, DefaultOptions(), `defaults d
    default-server init-state fully-down
backend be from d
    server s0 10.0.0.1:80
    default-server check init-state down
    server s1 10.0.0.2:80
    server s2 10.0.0.3:80 init-state up
`)
	var got []string
	for _, v := range cfg.Backend("be").EffectiveServers() {
		src, ok := v.Source("init-state")
		got = append(got, fmt.Sprintf("%s %s@%d %t", v.Line.Name(), src.Option.Value, src.Directive().Pos().Line, ok))
	}
	want := []string{"s0 fully-down@2 true", "s1 down@5 true", "s2 up@7 true"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

package lint

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
)

// naiveEffective walks the whole chain: what inherit must answer, however
// its waypoints are placed.
func naiveEffective(s *Section, words ...string) *Directive {
	for sec := s; sec != nil; sec = sec.Defaults {
		if d := sec.Last(words...); d != nil {
			return d
		}
	}
	return nil
}

// A forest of defaults chains (deep enough for many waypoints, branching,
// some sections setting the timeout, most not) asked from every section,
// in random orders: every answer is the naive walk's.
func TestInheritAgreesWithTheNaiveWalkOnBranchingChains(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString("defaults d0\n    timeout server 1s\n")
	const n = 200
	for i := 1; i < n; i++ {
		parent := i - 1
		if rng.IntN(4) == 0 {
			parent = rng.IntN(i) // a branch off an earlier section
		}
		fmt.Fprintf(&b, "defaults d%d from d%d\n", i, parent)
		if rng.IntN(10) == 0 {
			fmt.Fprintf(&b, "    timeout server %ds\n", i)
		}
		if rng.IntN(15) == 0 {
			fmt.Fprintf(&b, "    option httplog\n")
		}
	}
	for i := range n {
		fmt.Fprintf(&b, "backend b%d from d%d\n    server s 127.0.0.1:80\n", i, rng.IntN(n))
	}
	cfg := Load([]Input{{Name: "chains.cfg", Data: []byte(b.String())}}, DefaultOptions())
	waypoints := 0
	for _, s := range cfg.Sections {
		if s.waypoint != 0 {
			waypoints++
		}
	}
	if waypoints < 10 {
		t.Fatalf("only %d waypoints: the configuration does not exercise them", waypoints)
	}
	// Rules ask concurrently: four askers, each in its own random order
	// (run with -race too).
	var wg sync.WaitGroup
	for asker := range 4 {
		order := rand.New(rand.NewPCG(uint64(asker), 3)).Perm(len(cfg.Sections))
		wg.Go(func() {
			for _, i := range order {
				s := cfg.Sections[i]
				for _, q := range [][]string{{"timeout", "server"}, {"timeout", "client"}, {"option", "httplog"}} {
					if got, want := s.Effective(q...), naiveEffective(s, q...); got != want {
						t.Errorf("%s %s: Effective(%q) = %v, want %v", s.Kind, s.Name, q, pos(got), pos(want))
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

func pos(d *Directive) string {
	if d == nil {
		return "none"
	}
	return d.Pos().String()
}

package detect

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// start is the simulated wall clock's origin.
var start = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// sim replays synthetic traffic through a detector on a fake clock, ticking
// at every whole second, and records the transitions with their offset.
type sim struct {
	t      *testing.T
	d      *Detector
	now    time.Time
	rng    *rand.Rand
	nextID int
	ticks  int // Tick calls per simulated second (default 1)
	got    []stamped
}

// stamped is a transition with the simulated time it was reported at.
type stamped struct {
	At     int           // whole seconds since start
	Offset time.Duration // exact time since start
	Transition
}

func newSim(t *testing.T, cfg Config) *sim {
	s := &sim{t: t, now: start, rng: rand.New(rand.NewPCG(1, 2)), ticks: 1}
	s.d = New(cfg, func() time.Time { return s.now })
	return s
}

// traffic generates the i-th event of second sec; it returns false to send
// nothing.
type traffic func(s *sim, sec, i int, e *event.Event) bool

// run sends rate events a second for the given seconds, evenly spread, and
// ticks s.ticks times a second, the last at the end of the second.
func (s *sim) run(seconds, rate int, gen traffic) {
	for range seconds {
		sec := s.elapsed()
		second := start.Add(time.Duration(sec) * time.Second)
		for i := range rate {
			s.now = second.Add(time.Duration(i) * time.Second / time.Duration(rate))
			e := event.Event{Time: s.now, Kind: event.KindResponse, Source: event.SourceSPOE,
				Backend: "be_api", Timings: event.Unknown}
			if gen(s, sec, i, &e) {
				s.d.Observe(e)
			}
			if (i+1)%(rate/s.ticks) == 0 && i+1 < rate {
				s.now = second.Add(time.Duration(i+1) * time.Second / time.Duration(rate))
				s.tick()
			}
		}
		s.now = second.Add(time.Second)
		s.tick()
	}
}

// tick calls Tick at the current time and records what it returns.
func (s *sim) tick() {
	for _, tr := range s.d.Tick(s.now) {
		s.got = append(s.got, stamped{At: s.elapsed(), Offset: s.now.Sub(start), Transition: tr})
	}
}

func (s *sim) elapsed() int { return int(s.now.Sub(start) / time.Second) }

// state sends a server (or backend, server "") state change now.
func (s *sim) state(server string, st event.ServerState, check string) {
	e := event.Event{Time: s.now, Kind: event.KindServerState, Source: event.SourceRuntime,
		Backend: "be_api", Server: server, State: st, CheckStatus: check, Timings: event.Unknown}
	if st == event.StateDown && server == "" {
		e.Cause = event.CauseNoServerUp
	}
	s.d.Observe(e)
}

// servers spreads traffic round-robin over s1..s3.
var servers = []string{"s1", "s2", "s3"}

// healthy is realistic healthy traffic: latency 15-35ms with 1% at 150ms
// and one stray 500 per thousand requests.
func healthy(s *sim, _, i int, e *event.Event) bool {
	e.Server = servers[i%len(servers)]
	e.Status = 200
	lat := 15*time.Millisecond + time.Duration(s.rng.IntN(20))*time.Millisecond
	if s.rng.IntN(100) == 0 {
		lat = 150 * time.Millisecond
	}
	if s.rng.IntN(1000) == 0 {
		e.Status = 500
	}
	e.Timings.Response = lat
	s.nextID++
	e.UniqueID = event.MakeUniqueID(fmt.Sprintf("id-%d", s.nextID))
	return true
}

// onServer applies fault to the events of one server, healthy otherwise.
func onServer(server string, fault func(e *event.Event)) traffic {
	return func(s *sim, sec, i int, e *event.Event) bool {
		healthy(s, sec, i, e)
		if e.Server == server {
			fault(e)
		}
		return true
	}
}

// firstAt returns the second of the first transition to state for kind on
// server, or -1.
func (s *sim) firstAt(kind Kind, server string, state State) int {
	for _, g := range s.got {
		if g.Anomaly.Kind == kind && g.Anomaly.Server == server && g.Anomaly.State == state {
			return g.At
		}
	}
	return -1
}

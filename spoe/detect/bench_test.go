package detect

import (
	"fmt"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// benchEvents returns n distinct response events over 10 servers, ids set.
func benchEvents(n int, source event.Source) []event.Event {
	evs := make([]event.Event, n)
	for i := range evs {
		evs[i] = event.Event{Kind: event.KindResponse, Source: source, Backend: "be_api",
			Server: fmt.Sprintf("s%d", i%10), Status: 200, UniqueID: event.MakeUniqueID(fmt.Sprintf("id-%d", i)),
			Timings: event.Timings{Request: 0, Queue: 0, Connect: 1 * time.Millisecond, Response: 20 * time.Millisecond, Total: 22 * time.Millisecond}}
		if i%100 == 0 {
			evs[i].Status = 503
		}
	}
	return evs
}

// BenchmarkObserve is the steady state of one input: known keys, a fresh
// unique-id per transaction (remembered in the join set).
func BenchmarkObserve(b *testing.B) {
	now := start
	d := New(Config{}, func() time.Time { return now })
	evs := benchEvents(1<<14, event.SourceSPOE)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i&(1<<14-1) == 0 {
			now = now.Add(20 * time.Second) // ids expire from the join set
		}
		d.Observe(evs[i&(1<<14-1)])
	}
}

// BenchmarkObserveJoin feeds each transaction from SPOE then from the log,
// as when both inputs run.
func BenchmarkObserveJoin(b *testing.B) {
	now := start
	d := New(Config{}, func() time.Time { return now })
	spoe, log := benchEvents(1<<14, event.SourceSPOE), benchEvents(1<<14, event.SourceLog)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i&(1<<14-1) == 0 {
			now = now.Add(20 * time.Second) // ids expire from the join set
		}
		d.Observe(spoe[i&(1<<14-1)])
		d.Observe(log[i&(1<<14-1)])
	}
}

// BenchmarkObserveNoID is the steady state without unique-ids.
func BenchmarkObserveNoID(b *testing.B) {
	now := start
	d := New(Config{}, func() time.Time { return now })
	evs := benchEvents(4096, event.SourceSPOE)
	for i := range evs {
		evs[i].UniqueID = event.UniqueID{}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d.Observe(evs[i&4095])
	}
}

// BenchmarkTick evaluates 1,000 keys (100 backends of 9 servers) with
// traffic in every bucket.
func BenchmarkTick(b *testing.B) { benchTick(b, false) }

// BenchmarkTickFiring is BenchmarkTick while one server is DOWN: the verdict
// map is then republished on every Tick.
func BenchmarkTickFiring(b *testing.B) { benchTick(b, true) }

func benchTick(b *testing.B, firing bool) {
	now := start
	d := New(Config{}, func() time.Time { return now })
	for sec := range 16 {
		now = start.Add(time.Duration(sec) * time.Second)
		for i := range 900 {
			d.Observe(event.Event{Kind: event.KindResponse, Source: event.SourceSPOE,
				Backend: fmt.Sprintf("be%d", i/9), Server: fmt.Sprintf("s%d", i%9), Status: 200,
				Timings: event.Timings{Response: time.Duration(10+i%7) * time.Millisecond}})
		}
	}
	if n := d.Stats().Keys; n != 1000 {
		b.Fatalf("%d keys", n)
	}
	if firing {
		d.Observe(event.Event{Kind: event.KindServerState, Backend: "be0", Server: "s1", State: event.StateDown})
		if d.Tick(now); len(d.Active()) == 0 {
			b.Fatal("nothing fires")
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		d.Tick(now.Add(time.Duration(i%2) * time.Millisecond))
	}
}

// BenchmarkVerdict reads verdicts from parallel goroutines while some
// anomalies fire.
func BenchmarkVerdict(b *testing.B) {
	now := start
	d := New(Config{}, func() time.Time { return now })
	for i := range 50 {
		d.Observe(event.Event{Kind: event.KindServerState, Backend: "be_api", Server: fmt.Sprintf("s%d", i), State: event.StateDown})
	}
	d.Tick(now)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if d.Verdict("be_api", "s7") != "server_down" || d.Verdict("be_api", "s99") != "ok" {
				b.Error("wrong verdict")
			}
			i++
		}
	})
}

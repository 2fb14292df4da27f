package server

import (
	"log/slog"
	"net"
	"testing"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/negasus/haproxy-spoe-go/action"
	"github.com/negasus/haproxy-spoe-go/logger"
	libmessage "github.com/negasus/haproxy-spoe-go/message"
	"github.com/negasus/haproxy-spoe-go/request"
	"github.com/negasus/haproxy-spoe-go/worker"
)

// discardSink accepts every event, so the benchmark measures the handler.
type discardSink struct{ n int }

func (s *discardSink) Offer(event.Event) bool { s.n++; return true }

// benchRequest is a decoded NOTIFY as the library hands it to the handler.
func benchRequest(b *testing.B) *request.Request {
	b.Helper()
	msgs := libmessage.NewMessages()
	if err := msgs.Decode(notifyPayload(responseMessage("be_api", "s1", 200))); err != nil {
		b.Fatal(err)
	}
	req := request.AcquireRequest()
	req.Messages = msgs
	return req
}

// notifyPayload is a NOTIFY frame's payload: the frame minus prefix and header.
func notifyPayload(msgs ...message) []byte {
	f := notifyFrame(1, 1, msgs...)
	return f[4+7:]
}

func benchHandler(b *testing.B, sink event.Sink) {
	m, err := newMetrics(nil)
	if err != nil {
		b.Fatal(err)
	}
	cfg := Config{Verdict: func(string, string) string { return "ok" }}.withDefaults()
	h := newHandler(cfg, sink, m, slog.New(slog.DiscardHandler))
	req := benchRequest(b)
	h.handle(req) // warm the name and verdict caches
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		req.Actions = req.Actions[:0]
		h.handle(req)
	}
}

// BenchmarkHandler measures one on-http-response message: copy into an
// event, hand it over, set the verdict. Target: 0 allocs/op.
func BenchmarkHandler(b *testing.B) { benchHandler(b, &discardSink{}) }

// BenchmarkHandlerFullQueue measures the overflow path: the queue is full,
// the event is dropped and counted.
func BenchmarkHandlerFullQueue(b *testing.B) {
	q := event.NewQueue(1)
	q.Offer(event.Event{})
	benchHandler(b, q)
}

// BenchmarkHandlerParallel runs the handler from many goroutines at once, as
// the library does (one goroutine per NOTIFY).
func BenchmarkHandlerParallel(b *testing.B) {
	m, _ := newMetrics(nil)
	h := newHandler(Config{}.withDefaults(), nopSink{}, m, slog.New(slog.DiscardHandler))
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		req := benchRequest(b)
		for pb.Next() {
			req.Actions = req.Actions[:0]
			h.handle(req)
		}
	})
}

type nopSink struct{}

func (nopSink) Offer(event.Event) bool { return true }

// BenchmarkNotifyRoundTrip measures one NOTIFY/ACK exchange over loopback
// TCP through the guard and the library, allocations of the library
// included, as HAProxy would drive it without pipelining.
func BenchmarkNotifyRoundTrip(b *testing.B) {
	ts := startServer(b, Config{})
	c := dial(b, ts.addr)
	c.handshake(16380)
	notify := notifyFrame(1, 1, responseMessage("be_api", "s1", 200))
	done := make(chan struct{})
	defer close(done)
	go drain(ts.queue, done)
	b.ReportAllocs()
	for b.Loop() {
		if err := c.send(notify); err != nil {
			b.Fatal(err)
		}
		if _, err := c.receive(); err != nil {
			b.Fatal(err)
		}
	}
}

func drain(q *event.Queue, done <-chan struct{}) {
	for {
		select {
		case <-q.Events():
		case <-done:
			return
		}
	}
}

// BenchmarkNotifyRoundTripBareLibrary is the baseline for
// BenchmarkNotifyRoundTrip: the library alone, no guard, a do-nothing
// handler that sets one variable.
func BenchmarkNotifyRoundTripBareLibrary(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go worker.Handle(conn, func(r *request.Request) {
				r.Actions.SetVar(action.ScopeTransaction, VerdictVar, DefaultVerdict)
			}, logger.NewNop())
		}
	}()
	c := dial(b, ln.Addr())
	c.handshake(16380)
	notify := notifyFrame(1, 1, responseMessage("be_api", "s1", 200))
	b.ReportAllocs()
	for b.Loop() {
		if err := c.send(notify); err != nil {
			b.Fatal(err)
		}
		if _, err := c.receive(); err != nil {
			b.Fatal(err)
		}
	}
}

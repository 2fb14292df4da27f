package server

import (
	"log/slog"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/negasus/haproxy-spoe-go/action"
	"github.com/negasus/haproxy-spoe-go/payload/kv"
	"github.com/negasus/haproxy-spoe-go/request"
)

// handler turns NOTIFY frames into events. It runs on the library's
// per-frame goroutine, where a panic cannot be recovered by anyone else, so
// every step recovers its own. It copies the few values it needs out of the
// pooled request and never allocates once names and verdicts are cached.
type handler struct {
	sink     event.Sink
	names    *names
	verdict  VerdictFunc
	boxes    *verdicts
	fallback any // DefaultVerdict, boxed once
	metrics  *metrics
	log      *slog.Logger
	now      func() time.Time
}

func newHandler(cfg Config, sink event.Sink, m *metrics, log *slog.Logger) *handler {
	boxes := newVerdicts()
	return &handler{
		sink: sink, names: newNames(cfg.MaxNames), verdict: cfg.Verdict,
		boxes: boxes, fallback: boxes.boxed(DefaultVerdict),
		metrics: m, log: log, now: time.Now,
	}
}

// handle is the library's request handler. Every ACK gets exactly one
// action, the verdict, so HAProxy never waits on an empty ACK.
func (h *handler) handle(req *request.Request) {
	backend, server, seen := h.process(req)
	req.Actions.SetVar(action.ScopeTransaction, VerdictVar, h.verdictFor(backend, server, seen))
}

// process hands one event per response message to the sink and returns
// the backend and server the ACK's verdict is for: those of the last
// hapguard message in the frame (request-side messages carry no event).
func (h *handler) process(req *request.Request) (backend, server string, seen bool) {
	defer h.recoverPanic()
	for _, msg := range *req.Messages {
		if msg == nil || msg.KV == nil {
			continue
		}
		switch msg.Name {
		case MessageName:
			ev := h.event(msg.KV)
			backend, server, seen = ev.Backend, ev.Server, true
			h.metrics.messages.Inc()
			if !h.sink.Offer(ev) {
				h.metrics.eventsDropped.Inc()
			}
		case RequestMessageName:
			backend, server = h.target(msg.KV)
			seen = true
		}
	}
	return backend, server, seen
}

// target copies the backend (and server, if any) of a request-side message.
func (h *handler) target(args *kv.KV) (backend, server string) {
	for _, item := range args.Data() {
		switch item.Name {
		case ArgBackend:
			backend = h.name(item.Value)
		case ArgServer:
			server = h.name(item.Value)
		}
	}
	return backend, server
}

// verdictFor asks the VerdictFunc, falling back to DefaultVerdict when there
// was no message, the answer is empty, or the function panics.
func (h *handler) verdictFor(backend, server string, seen bool) (v any) {
	v = h.fallback
	if !seen {
		return v
	}
	defer h.recoverPanic()
	if s := h.verdict(backend, server); s != "" {
		v = h.boxes.boxed(s)
	}
	return v
}

func (h *handler) recoverPanic() {
	if r := recover(); r != nil {
		h.metrics.handlerPanics.Inc()
		h.log.Error("spoe handler panicked", "panic", r)
	}
}

// event copies one message's arguments into an Event.
func (h *handler) event(args *kv.KV) event.Event {
	ev := event.Event{Time: h.now(), Kind: event.KindResponse, Source: event.SourceSPOE, Timings: event.Unknown}
	t0, t1 := int64(-1), int64(-1)
	for _, item := range args.Data() {
		switch item.Name {
		case ArgFrontend:
			ev.Frontend = h.name(item.Value)
		case ArgBackend:
			ev.Backend = h.name(item.Value)
		case ArgServer:
			ev.Server = h.name(item.Value)
		case ArgStatus:
			ev.Status = int(min(max(intValue(item.Value), 0), 999))
		case ArgUniqueID:
			ev.UniqueID = uniqueID(item.Value)
		case ArgT0:
			t0 = intValue(item.Value)
		case ArgT1:
			t1 = intValue(item.Value)
		case ArgQueue:
			ev.Timings.Queue = millis(item.Value)
		case ArgConnect:
			ev.Timings.Connect = millis(item.Value)
		case ArgResponse:
			ev.Timings.Response = millis(item.Value)
		}
	}
	if ev.Timings.Response < 0 {
		ev.Timings.Response = sinceRequest(t0, t1, ev.Time)
	}
	return ev
}

func (h *handler) name(v any) string {
	s, ok := v.(string)
	if !ok {
		return ""
	}
	return h.names.intern(s)
}

package haproxylog

import (
	"context"
	"sync"
	"testing"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus"
)

// recordingSink keeps every event offered to it.
type recordingSink struct {
	mu     sync.Mutex
	events []event.Event
}

// Offer records e.
func (s *recordingSink) Offer(e event.Event) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events = append(s.events, e)
	return true
}

// observed returns what the sink has seen so far.
func (s *recordingSink) observed() []observed {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]observed, 0, len(s.events))
	for _, e := range s.events {
		out = append(out, observe(e))
	}
	return out
}

// testInput is a running Listener with its own sink and registry.
type testInput struct {
	listener *Listener
	sink     *recordingSink
	reg      *prometheus.Registry
}

// startTestInput runs a Listener on addr until the test ends.
func startTestInput(t *testing.T, addr string) *testInput {
	t.Helper()
	in := &testInput{sink: &recordingSink{}, reg: prometheus.NewRegistry()}
	l, err := NewListener(ListenerConfig{Addr: addr, Sink: in.sink, Registerer: in.reg})
	if err != nil {
		t.Fatalf("NewListener(%q): %v", addr, err)
	}
	in.listener = l
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return in
}

// counterValue reads one counter (optionally the child with kind=label).
func counterValue(t *testing.T, reg *prometheus.Registry, name, kind string) float64 {
	t.Helper()
	families, err := reg.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	for _, f := range families {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			if kind == "" || hasLabel(m.GetLabel(), "kind", kind) {
				return m.GetCounter().GetValue()
			}
		}
	}
	return 0
}

// hasLabel reports whether labels contain name=value.
func hasLabel[L interface {
	GetName() string
	GetValue() string
}](labels []L, name, value string) bool {
	for _, l := range labels {
		if l.GetName() == name && l.GetValue() == value {
			return true
		}
	}
	return false
}

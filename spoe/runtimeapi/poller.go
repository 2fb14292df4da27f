// Package runtimeapi polls HAProxy's stats socket ("show info;show stat",
// management guide §9.1 and §9.3) and turns server state and health check
// changes into events, including the condition "this backend has no server
// UP", which HAProxy answers with 503 <NOSRV>. It also keeps the latest
// counters (hrsp_5xx, eresp, econ, wretr, ...) and their per-poll deltas
// so that other inputs can be cross-checked.
package runtimeapi

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/endpoint"
	"github.com/hapguard/hapguard/spoe/event"
)

// Poller polls one HAProxy stats socket. Create it with New and start it
// with Run; Snapshot may be called from any goroutine.
type Poller struct {
	cfg     Config
	network string
	address string
	sink    event.Sink
	log     *slog.Logger
	metrics *metrics
	tracker *tracker
	failing bool // the previous poll failed; used to log only changes

	mu   sync.Mutex
	last Snapshot
}

// Snapshot is the latest successful poll: every backend (Server "") and
// server row with its status and counters.
type Snapshot struct {
	Time time.Time
	Pid  int
	Rows map[BackendServer]Row
}

// New validates cfg and registers the poller's metrics on reg (nil skips
// registration). Events go to sink; logger may be nil.
func New(cfg Config, sink event.Sink, reg prometheus.Registerer, logger *slog.Logger) (*Poller, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	socket, err := endpoint.Parse(cfg.Address, endpoint.Use{Dial: true})
	if err != nil {
		return nil, fmt.Errorf("stats socket address %w", err)
	}
	if sink == nil {
		return nil, fmt.Errorf("runtime API poller: nil event sink")
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Poller{
		cfg: cfg, network: socket.Network, address: socket.Address, sink: sink,
		log: logger.With("input", "runtime", "socket", cfg.Address), metrics: m, tracker: newTracker(),
	}, nil
}

// Run polls at once, then every Interval, until ctx is cancelled; it then
// returns nil. A failed poll is counted and logged, never fatal. While
// servers fail (a poll saw failed attempts or a state change, within the
// last fastFor), it polls every fastInterval instead, so that the next
// round of retries is seen as soon as HAProxy counts it.
func (p *Poller) Run(ctx context.Context) error {
	timer := time.NewTimer(0)
	defer timer.Stop()
	var fastUntil time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		}
		start := time.Now()
		if p.poll(ctx) {
			fastUntil = start.Add(fastFor)
		}
		next := p.cfg.Interval
		if start.Before(fastUntil) {
			next = p.fastInterval(time.Since(start))
		}
		timer.Reset(max(time.Until(start.Add(next)), 0))
	}
}

// fastFor is how long the poller keeps its fast pace after a poll that saw
// servers failing: longer than HAProxy's one-second turn-around between
// connection retries (configuration manual §4.2 "retries").
const fastFor = 2 * time.Second

// fastInterval is the pace while servers fail: a tenth of Interval, at
// least MinInterval, and at least ten times what the last poll took, so
// that polling a large configuration never keeps HAProxy busy.
func (p *Poller) fastInterval(took time.Duration) time.Duration {
	return min(max(p.cfg.Interval/10, MinInterval, 10*took), p.cfg.Interval)
}

// Snapshot returns a copy of the latest successful poll (zero before one).
func (p *Poller) Snapshot() Snapshot {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.last
	s.Rows = maps.Clone(s.Rows)
	return s
}

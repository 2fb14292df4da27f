package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus"
)

// Server accepts SPOP connections from HAProxy and feeds an event.Sink.
type Server struct {
	cfg     Config
	handler *handler
	metrics *metrics
	log     *slog.Logger

	mu       sync.Mutex
	listener net.Listener
	conns    map[*guardConn]struct{}
	wg       sync.WaitGroup
}

// New validates cfg, registers the server's metrics on reg (nil: not
// registered) and returns a Server that does not listen yet.
func New(cfg Config, sink event.Sink, reg prometheus.Registerer, log *slog.Logger) (*Server, error) {
	cfg = cfg.withDefaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	if sink == nil {
		return nil, errors.New("spoe server: nil event sink")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	return &Server{
		cfg: cfg, metrics: m, log: log,
		handler: newHandler(cfg, sink, m, log),
		conns:   make(map[*guardConn]struct{}),
	}, nil
}

// Listen binds the configured address, if not bound yet, and returns the
// bound address (useful with port 0). Run calls it itself.
func (s *Server) Listen() (net.Addr, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listener == nil {
		e, err := s.cfg.endpoint()
		if err != nil {
			return nil, err
		}
		ln, err := e.Listen(s.cfg.SocketMode)
		if err != nil {
			return nil, fmt.Errorf("spoe server: %w", err)
		}
		s.listener = ln
	}
	return s.listener.Addr(), nil
}

// Run serves until ctx is cancelled, then stops accepting, lets in-flight
// frames be acknowledged, closes every connection and returns nil, all
// within Config.ShutdownTimeout (plus a short grace for forced closes).
func (s *Server) Run(ctx context.Context) error {
	if _, err := s.Listen(); err != nil {
		return err
	}
	s.log.Info("spoe server listening", "address", s.listener.Addr().String())
	accepted := make(chan struct{})
	go func() {
		defer close(accepted)
		s.acceptLoop(ctx)
	}()
	<-ctx.Done()
	_ = s.listener.Close()
	<-accepted
	s.shutdown()
	return nil
}

// acceptLoop accepts until the listener is closed. Transient errors (for
// example running out of file descriptors) back off instead of spinning.
func (s *Server) acceptLoop(ctx context.Context) {
	backoff := 5 * time.Millisecond
	for {
		c, err := s.listener.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) || ctx.Err() != nil {
				return
			}
			s.log.Warn("spoe accept failed", "error", err, "retry_in", backoff)
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				return
			}
			backoff = min(2*backoff, time.Second)
			continue
		}
		backoff = 5 * time.Millisecond
		s.accept(c)
	}
}

// accept tracks c and serves it, making room at the limit (see
// Config.MaxConnections), or closes it when no connection can give way.
func (s *Server) accept(c net.Conn) {
	g := newGuard(c, s.cfg.limits(), s.metrics)
	s.mu.Lock()
	if len(s.conns) >= s.cfg.MaxConnections && !s.makeRoom(g.acceptedAt) {
		s.mu.Unlock()
		s.metrics.connsRejected.Inc()
		_ = c.Close()
		return
	}
	s.conns[g] = struct{}{}
	s.wg.Add(1)
	s.mu.Unlock()
	s.metrics.connsTotal.Inc()
	s.metrics.connsActive.Inc()
	go func() {
		defer s.forget(g)
		serveConn(g, s.handler.handle, s.metrics, s.log)
	}()
}

func (s *Server) forget(g *guardConn) {
	s.mu.Lock()
	delete(s.conns, g)
	s.mu.Unlock()
	s.metrics.connsActive.Dec()
	s.wg.Done()
}

// shutdown drains every connection at its next frame boundary, then closes
// whatever is left once the timeout has passed.
func (s *Server) shutdown() {
	s.eachConn((*guardConn).startDrain)
	if s.wait(s.cfg.ShutdownTimeout) {
		return
	}
	s.log.Warn("spoe drain timed out; closing connections", "timeout", s.cfg.ShutdownTimeout)
	s.eachConn(func(g *guardConn) { _ = g.Conn.Close() })
	if !s.wait(time.Second) {
		s.log.Error("spoe connections still open after forced close")
	}
}

func (s *Server) eachConn(f func(*guardConn)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for g := range s.conns {
		f(g)
	}
}

// wait reports whether every connection ended within d.
func (s *Server) wait(d time.Duration) bool {
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-time.After(d):
		return false
	}
}

package backendpool

import (
	"bufio"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// maxHeaderBytes bounds a request head; longer requests are dropped.
const maxHeaderBytes = 16 << 10

// hangLimit bounds how long a hanging server holds a connection, so a test
// that forgets to close never leaks it for long.
const hangLimit = 30 * time.Second

// Server is one loopback HTTP/1.1 server of the pool.
type Server struct {
	name      string
	addr      string
	slowDelay time.Duration
	mode      atomic.Int32

	mu     sync.Mutex
	ln     net.Listener // nil while refusing
	conns  map[net.Conn]struct{}
	closed bool
	wg     sync.WaitGroup
}

func newServer(name string, slowDelay time.Duration) (*Server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listen for %s: %w", name, err)
	}
	s := &Server{name: name, addr: ln.Addr().String(), slowDelay: slowDelay, conns: make(map[net.Conn]struct{})}
	s.serve(ln)
	return s, nil
}

// Name returns the server's name (what HAProxy's config calls it).
func (s *Server) Name() string { return s.name }

// Addr returns the server's host:port.
func (s *Server) Addr() string { return s.addr }

// Mode returns the current mode.
func (s *Server) Mode() Mode { return Mode(s.mode.Load()) }

// Set switches the server to m. Switching to Refuse closes the listener and
// every open connection; switching away from it listens again on the same
// address. Switching to CloseBeforeHeaders also drops the open connections,
// as a crashing application does, so that HAProxy cannot hide the fault
// behind its silent retry of requests that fail on a reused idle connection.
func (s *Server) Set(m Mode) error {
	s.mode.Store(int32(m))
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return fmt.Errorf("server %s is closed", s.name)
	}
	if m == Refuse {
		s.stopListeningLocked()
		return nil
	}
	if m == CloseBeforeHeaders {
		s.closeConnsLocked()
	}
	if s.ln != nil {
		return nil
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("listen again for %s on %s: %w", s.name, s.addr, err)
	}
	s.serveLocked(ln)
	return nil
}

// Close stops the server and waits for its goroutines.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.stopListeningLocked()
	s.mu.Unlock()
	s.wg.Wait()
}

func (s *Server) stopListeningLocked() {
	if s.ln != nil {
		s.ln.Close()
		s.ln = nil
	}
	s.closeConnsLocked()
}

func (s *Server) closeConnsLocked() {
	for c := range s.conns {
		c.Close()
	}
}

func (s *Server) serve(ln net.Listener) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.serveLocked(ln)
}

func (s *Server) serveLocked(ln net.Listener) {
	s.ln = ln
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if !s.track(c) {
				c.Close()
				return
			}
			s.wg.Add(1)
			go s.handle(c)
		}
	}()
}

func (s *Server) track(c net.Conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.ln == nil {
		return false
	}
	s.conns[c] = struct{}{}
	return true
}

func (s *Server) untrack(c net.Conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	c.Close()
}

// handle serves requests on one connection until the client closes it or
// the mode says to stop.
func (s *Server) handle(c net.Conn) {
	defer s.wg.Done()
	defer s.untrack(c)
	r := bufio.NewReaderSize(c, 4096)
	for range 1 << 20 {
		if err := readRequestHead(r); err != nil {
			return
		}
		if !s.answer(c) {
			return
		}
	}
}

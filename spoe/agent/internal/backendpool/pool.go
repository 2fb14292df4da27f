package backendpool

import (
	"errors"
	"fmt"
	"time"
)

// Pool is a set of named loopback servers.
type Pool struct {
	servers []*Server
}

// New starts one healthy server per name on a free loopback port. Servers in
// Slow mode wait slowDelay before answering.
func New(names []string, slowDelay time.Duration) (*Pool, error) {
	p := &Pool{}
	for _, name := range names {
		s, err := newServer(name, slowDelay)
		if err != nil {
			p.Close()
			return nil, err
		}
		p.servers = append(p.servers, s)
	}
	return p, nil
}

// Server returns the server called name, or nil.
func (p *Pool) Server(name string) *Server {
	for _, s := range p.servers {
		if s.name == name {
			return s
		}
	}
	return nil
}

// Servers returns every server in creation order.
func (p *Pool) Servers() []*Server { return p.servers }

// SetAll switches every server to m.
func (p *Pool) SetAll(m Mode) error {
	var errs []error
	for _, s := range p.servers {
		if err := s.Set(m); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("set all servers to %s: %w", m, err)
	}
	return nil
}

// Close stops every server.
func (p *Pool) Close() {
	for _, s := range p.servers {
		s.Close()
	}
}

package server

import "time"

// Eviction reasons, the label of hapguard_agent_spoe_connections_evicted_total.
const (
	EvictNoHello = "no_hello"
	EvictIdle    = "idle"
)

// makeRoom closes one connection so that a new one accepted at now fits
// under MaxConnections: the oldest that has not sent its HELLO, else the
// one idle the longest if it has been idle for HelloTimeout or more. It
// reports whether it closed one. s.mu is held.
func (s *Server) makeRoom(now time.Time) bool {
	var noHello, idle *guardConn
	for g := range s.conns {
		since := g.idleSince()
		if !g.helloDone() {
			if noHello == nil || since.Before(noHello.idleSince()) {
				noHello = g
			}
			continue
		}
		if idle == nil || since.Before(idle.idleSince()) {
			idle = g
		}
	}
	victim, reason := noHello, EvictNoHello
	if victim == nil {
		victim, reason = idle, EvictIdle
		if victim == nil || now.Sub(victim.idleSince()) < s.cfg.HelloTimeout {
			return false
		}
	}
	delete(s.conns, victim)
	_ = victim.Conn.Close()
	s.metrics.connsEvicted.WithLabelValues(reason).Inc()
	return true
}

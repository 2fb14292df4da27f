package server

import (
	"time"
)

// timeouts pushes a connection's read deadline forward as frames arrive.
// Pushing it is cheap but not free, so it moves only once an eighth of the
// idle timeout has passed since the last push.
type timeouts struct {
	idle     time.Duration
	lastPush time.Time
}

// active records a frame: the time for eviction (see Server.makeRoom) and
// the read deadline for the idle timeout. first is the HELLO, after which
// the hello timeout no longer applies.
func (g *guardConn) active(first bool) {
	now := time.Now()
	g.lastFrame.Store(now.UnixNano())
	t := &g.timeouts
	if !first && now.Sub(t.lastPush) < t.idle/8 {
		return
	}
	t.lastPush = now
	_ = g.Conn.SetReadDeadline(now.Add(t.idle))
	if g.draining.Load() { // startDrain's deadline must win over this one
		_ = g.Conn.SetReadDeadline(now)
	}
}

// helloDone reports whether the connection has sent its first frame.
func (g *guardConn) helloDone() bool { return g.lastFrame.Load() != 0 }

// idleSince is when the connection last sent a frame (its accept time
// before the first).
func (g *guardConn) idleSince() time.Time {
	if ns := g.lastFrame.Load(); ns != 0 {
		return time.Unix(0, ns)
	}
	return g.acceptedAt
}

package server

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/negasus/haproxy-spoe-go/request"
	"github.com/negasus/haproxy-spoe-go/worker"
)

// serveConn runs the library's worker on one guarded connection and turns
// whatever ended it into a metric: the guard's drop reason, a recovered
// panic, or a protocol error the library reported. A panic ends only this
// connection, never the process.
func serveConn(g *guardConn, handle func(*request.Request), m *metrics, log *slog.Logger) {
	lib := &libraryLog{log: log}
	defer func() {
		if r := recover(); r != nil {
			_ = g.Conn.Close()
			m.frameError(ReasonPanic)
			log.Warn("spoe connection dropped: malformed frame", "reason", ReasonPanic, "panic", fmt.Sprint(r), "remote", remote(g))
		}
	}()
	worker.Handle(g, handle, lib)
	switch {
	case g.fault != "":
		log.Warn("spoe connection dropped: bad frame length", "reason", g.fault, "remote", remote(g))
	case lib.failure != "" && !g.benign:
		m.frameError(ReasonProtocol)
		log.Warn("spoe connection dropped: protocol error", "reason", ReasonProtocol, "error", lib.failure, "remote", remote(g))
	}
}

func remote(g *guardConn) string {
	if a := g.RemoteAddr(); a != nil {
		return a.String()
	}
	return ""
}

// libraryLog adapts the library's Errorf logger to slog. It remembers the
// error that ended the worker ("handle worker: ..."), which the library
// reports from the goroutine serving the connection; the other messages
// (failed ACK writes, double closes) come from elsewhere and are only logged.
type libraryLog struct {
	log     *slog.Logger
	failure string
}

// Errorf implements the library's logger.Logger.
func (l *libraryLog) Errorf(format string, args ...any) {
	if strings.HasPrefix(format, "handle worker:") {
		l.failure = fmt.Sprintf(format, args...)
		return
	}
	l.log.Debug("spoe library", "message", fmt.Sprintf(format, args...))
}

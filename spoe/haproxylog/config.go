package haproxylog

import (
	"io/fs"
	"log/slog"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus"
)

// MaxDatagramSize is the longest datagram read whole; longer ones are
// truncated to this size and counted.
const MaxDatagramSize = 64 << 10

// readErrorPause is how long the listener waits after a read error before
// reading again, so a persistent error cannot spin.
const readErrorPause = 10 * time.Millisecond

// ListenerConfig configures a Listener.
type ListenerConfig struct {
	// Addr is "udp://host:port" or "unixgram:/path"; DefaultAddr when empty.
	Addr string
	// Sink receives the events; it must not block (an *event.Queue).
	Sink event.Sink
	// Registerer receives the listener's metrics (hapguard_agent_log_*). To
	// run two listeners, wrap it with prometheus.WrapRegistererWith.
	Registerer prometheus.Registerer
	// Logger receives samples of unparsable lines and read errors.
	Logger *slog.Logger
	// UnparsableSamples is how many unparsable lines are logged per minute;
	// DefaultUnparsableSamples when zero; when negative, only a count of the
	// lines left out is logged once a minute.
	UnparsableSamples int
	// MaxNames bounds the parser's interned names (DefaultMaxNames if zero).
	MaxNames int
	// SocketMode is applied to a unix socket when non-zero, so that HAProxy
	// (often another user) can write to it.
	SocketMode fs.FileMode
}

// samplesPerMinute applies the default and the "negative means none" rule.
func samplesPerMinute(n int) int {
	if n == 0 {
		return DefaultUnparsableSamples
	}
	return max(n, 0)
}

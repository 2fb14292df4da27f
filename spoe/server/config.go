// Package server is hapguard's hardened SPOE server. It speaks SPOP through
// github.com/negasus/haproxy-spoe-go v1.0.7, but runs its own accept loop,
// guards every connection against frames the library cannot survive (zero,
// short or oversized lengths), recovers the library's panics per connection,
// and turns each on-http-response message into an event.Event handed to a
// non-blocking event.Sink. Every ACK carries one set-var action, the verdict.
package server

import (
	"fmt"
	"os"
	"time"

	"github.com/hapguard/hapguard/spoe/endpoint"
)

// Defaults for Config fields left at their zero value.
const (
	DefaultAddress         = "tcp://127.0.0.1:12345"
	DefaultMaxFrameSize    = 16384
	DefaultMaxConnections  = 256
	DefaultHelloTimeout    = 5 * time.Second
	DefaultIdleTimeout     = 10 * time.Minute
	DefaultShutdownTimeout = 5 * time.Second
	DefaultMaxNames        = 4096
	DefaultMaxInFlight     = 64
	DefaultWriteTimeout    = 5 * time.Second
	// DefaultVerdict is sent back when no VerdictFunc is configured.
	DefaultVerdict = "unknown"
)

// Range of Config.MaxConnections as the agent validates it: at least room
// for HAProxy's connections of a few threads, at most what one process's
// file descriptors comfortably allow.
const (
	MinConnections      = 4
	MaxConnectionsLimit = 65536
)

// minFrameSize is the smallest valid SPOP frame: type, four flag bytes and two
// one-byte varints (stream-id, frame-id).
const minFrameSize = 7

// minNegotiatedFrameSize is the smallest max-frame-size SPOP allows.
const minNegotiatedFrameSize = 256

// VerdictFunc returns the current verdict for a backend/server pair, such as
// "ok" or "server_5xx". It is called for every response, so it must not
// allocate and must return one of a small set of precomputed strings.
type VerdictFunc func(backend, server string) string

// Config configures a Server. The zero value is usable: every field has a
// loopback-only, bounded default.
type Config struct {
	// Address is where to listen, in any form spoe/endpoint reads for a
	// stream socket, such as tcp://host:port or unix:///path (default
	// DefaultAddress).
	Address string
	// MaxFrameSize caps every frame length; the max-frame-size HAProxy sends
	// in its HELLO lowers it further (default DefaultMaxFrameSize).
	MaxFrameSize uint32
	// MaxConnections caps concurrent connections (default
	// DefaultMaxConnections). At the cap a new connection takes the place
	// of the oldest one that has not sent its HELLO, else of the one idle
	// the longest (if idle for at least HelloTimeout); only when every
	// connection is active is the new one closed at once, and counted.
	// HAProxy's connections send HELLO at once and then carry traffic, so
	// idle or silent connections from other local processes cannot lock
	// HAProxy out.
	MaxConnections int
	// HelloTimeout closes a connection that has not sent its whole first
	// frame (HAProxy's HELLO) this long after it was accepted (default
	// DefaultHelloTimeout).
	HelloTimeout time.Duration
	// IdleTimeout closes a connection that sends no frame for this long
	// (default DefaultIdleTimeout, longer than the "timeout idle 2m" of
	// the printed spoe.conf, so HAProxy is the one to close idle ones).
	IdleTimeout time.Duration
	// MaxInFlight caps the NOTIFY frames of one connection waiting for their
	// ACK; past it the connection is not read until ACKs are written
	// (default DefaultMaxInFlight).
	MaxInFlight int
	// WriteTimeout bounds the write of one frame; a peer that does not read
	// is dropped (default DefaultWriteTimeout).
	WriteTimeout time.Duration
	// ShutdownTimeout bounds the drain after the context is cancelled
	// (default DefaultShutdownTimeout).
	ShutdownTimeout time.Duration
	// MaxNames bounds the interned frontend/backend/server names
	// (default DefaultMaxNames).
	MaxNames int
	// SocketMode, when non-zero, is applied to a unix socket after binding,
	// so that HAProxy's user can connect (for example 0o660).
	SocketMode os.FileMode
	// Verdict supplies the value of the verdict variable (default: always
	// DefaultVerdict).
	Verdict VerdictFunc
}

func (c Config) withDefaults() Config {
	if c.Address == "" {
		c.Address = DefaultAddress
	}
	if c.MaxFrameSize == 0 {
		c.MaxFrameSize = DefaultMaxFrameSize
	}
	for _, f := range []struct {
		v   *int
		def int
	}{
		{&c.MaxConnections, DefaultMaxConnections}, {&c.MaxInFlight, DefaultMaxInFlight}, {&c.MaxNames, DefaultMaxNames},
	} {
		positiveOr(f.v, f.def)
	}
	for _, f := range []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&c.HelloTimeout, DefaultHelloTimeout}, {&c.IdleTimeout, DefaultIdleTimeout},
		{&c.WriteTimeout, DefaultWriteTimeout}, {&c.ShutdownTimeout, DefaultShutdownTimeout},
	} {
		positiveOr(f.v, f.def)
	}
	if c.Verdict == nil {
		c.Verdict = func(string, string) string { return DefaultVerdict }
	}
	return c
}

// positiveOr sets *v to def unless it is positive.
func positiveOr[T int | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

func (c Config) limits() limits {
	return limits{frameSize: c.MaxFrameSize, inFlight: c.MaxInFlight, writeTimeout: c.WriteTimeout,
		helloTimeout: c.HelloTimeout, idleTimeout: c.IdleTimeout}
}

func (c Config) validate() error {
	if c.MaxFrameSize < minNegotiatedFrameSize {
		return fmt.Errorf("spoe server: max frame size %d is below the SPOP minimum of %d", c.MaxFrameSize, minNegotiatedFrameSize)
	}
	if _, err := c.endpoint(); err != nil {
		return err
	}
	return nil
}

// endpoint is the parsed listen address (see spoe/endpoint for its forms).
func (c Config) endpoint() (endpoint.Endpoint, error) {
	e, err := endpoint.Parse(c.Address, endpoint.Use{})
	if err != nil {
		return e, fmt.Errorf("spoe server: address %w", err)
	}
	return e, nil
}

package agent

import (
	"time"

	"github.com/hapguard/hapguard/spoe/server"
)

// SPOELimits bounds the connections to the SPOE listener, so that no local
// process can lock HAProxy out (see spoe/server: connections that never
// send HELLO, then the least recently active, make room for new ones).
type SPOELimits struct {
	// MaxConnections caps the open connections.
	MaxConnections int `yaml:"max_connections"`
	// HelloTimeout is how long a new connection may take to send its
	// HELLO before it is closed.
	HelloTimeout time.Duration `yaml:"hello_timeout"`
	// IdleTimeout closes a connection that sends no frame for this long
	// (HAProxy reconnects when it needs one).
	IdleTimeout time.Duration `yaml:"idle_timeout"`
}

func defaultSPOELimits() SPOELimits {
	return SPOELimits{
		MaxConnections: server.DefaultMaxConnections,
		HelloTimeout:   server.DefaultHelloTimeout,
		IdleTimeout:    server.DefaultIdleTimeout,
	}
}

func (l SPOELimits) validate() []error {
	return []error{
		intRange("spoe.max_connections", l.MaxConnections, server.MinConnections, server.MaxConnectionsLimit),
		durationRange("spoe.hello_timeout", l.HelloTimeout, 100*time.Millisecond, time.Minute),
		durationRange("spoe.idle_timeout", l.IdleTimeout, time.Second, 24*time.Hour),
	}
}

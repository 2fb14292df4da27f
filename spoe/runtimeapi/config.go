package runtimeapi

import (
	"fmt"
	"time"
)

// Defaults and limits of Config.
const (
	DefaultInterval         = 2 * time.Second
	DefaultTimeout          = 2 * time.Second
	DefaultMaxResponseBytes = 32 << 20
	MinInterval             = 100 * time.Millisecond
	MaxTimeout              = time.Minute
)

// Config says where and how often to poll.
type Config struct {
	// Address of HAProxy's stats socket: a unix socket path, host:port or
	// any other form spoe/endpoint reads (HAProxy's unix@, ipv4@, ipv6@
	// included). Required.
	Address string
	// Interval between polls; DefaultInterval when zero, at least MinInterval.
	Interval time.Duration
	// Timeout bounds one poll, from dialling to the end of the answer;
	// DefaultTimeout when zero, at most MaxTimeout.
	Timeout time.Duration
	// MaxResponseBytes caps one answer; a larger one fails the poll.
	// DefaultMaxResponseBytes when zero.
	MaxResponseBytes int64
	// OnPoll, when set, receives the Delta of every successful poll. It is
	// called from Run's goroutine and must return quickly.
	OnPoll func(Delta)
}

// withDefaults fills zero values and validates the rest.
func (c Config) withDefaults() (Config, error) {
	if c.Interval == 0 {
		c.Interval = DefaultInterval
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxResponseBytes == 0 {
		c.MaxResponseBytes = DefaultMaxResponseBytes
	}
	switch {
	case c.Interval < MinInterval:
		return c, fmt.Errorf("runtime API poll interval %v: must be at least %v", c.Interval, MinInterval)
	case c.Timeout < 0 || c.Timeout > MaxTimeout:
		return c, fmt.Errorf("runtime API timeout %v: must be between 0 and %v", c.Timeout, MaxTimeout)
	case c.MaxResponseBytes < 0:
		return c, fmt.Errorf("runtime API response cap %d: must not be negative", c.MaxResponseBytes)
	}
	return c, nil
}

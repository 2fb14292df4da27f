package haproxylog

import (
	"fmt"
	"io/fs"

	"github.com/hapguard/hapguard/spoe/endpoint"
)

// DefaultAddr is where the log listener binds when no address is given:
// loopback only.
const DefaultAddr = "udp://127.0.0.1:5140"

// socketBuffer is the receive buffer asked for, to absorb bursts.
const socketBuffer = 4 << 20

// parseAddr reads the listen address (any datagram form spoe/endpoint
// reads, such as udp://host:port or unixgram:///path; DefaultAddr when
// empty).
func parseAddr(addr string) (endpoint.Endpoint, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	e, err := endpoint.Parse(addr, endpoint.Use{Datagram: true})
	if err != nil {
		return e, fmt.Errorf("log address %w", err)
	}
	return e, nil
}

// listen binds the datagram socket (see endpoint.ListenDatagram) with a
// large receive buffer.
func listen(e endpoint.Endpoint, mode fs.FileMode) (endpoint.Datagram, error) {
	conn, err := e.ListenDatagram(mode)
	if err != nil {
		return nil, fmt.Errorf("log listener: %w", err)
	}
	_ = conn.SetReadBuffer(socketBuffer) // best effort; the kernel caps it
	return conn, nil
}

package endpoint

import (
	"fmt"
	"net"
	"os"
	"time"
)

// Listen binds a stream endpoint (tcp or unix). A stale socket file left
// by a previous run is removed first (anything else at the path is an
// error), and mode, when non-zero, is applied to a unix socket so that
// HAProxy's user can connect.
func (e Endpoint) Listen(mode os.FileMode) (net.Listener, error) {
	if err := e.prepare(); err != nil {
		return nil, err
	}
	ln, err := net.Listen(e.Network, e.Address)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", e, err)
	}
	if err := e.chmod(mode); err != nil {
		_ = ln.Close()
		return nil, err
	}
	return ln, nil
}

// Datagram is what ListenDatagram returns: *net.UDPConn or *net.UnixConn.
// Read (rather than ReadFrom) does not allocate a sender address per
// datagram.
type Datagram interface {
	net.Conn
	SetReadBuffer(bytes int) error
}

// ListenDatagram binds a datagram endpoint (udp or unixgram), with the
// same stale-socket and mode handling as Listen.
func (e Endpoint) ListenDatagram(mode os.FileMode) (Datagram, error) {
	if err := e.prepare(); err != nil {
		return nil, err
	}
	var conn Datagram
	var err error
	if e.IsUnix() {
		conn, err = net.ListenUnixgram(e.Network, &net.UnixAddr{Name: e.Address, Net: e.Network})
	} else {
		var addr *net.UDPAddr
		if addr, err = net.ResolveUDPAddr(e.Network, e.Address); err == nil {
			conn, err = net.ListenUDP(e.Network, addr)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", e, err)
	}
	if err := e.chmod(mode); err != nil {
		_ = conn.Close()
		_ = os.Remove(e.Address)
		return nil, err
	}
	return conn, nil
}

// prepare runs CheckListen and removes a stale socket file.
func (e Endpoint) prepare() error {
	if err := e.CheckListen(); err != nil {
		return err
	}
	if !e.IsUnix() {
		return nil
	}
	if _, err := os.Lstat(e.Address); err != nil {
		return nil // nothing there (CheckListen refused anything else)
	}
	if c, err := net.DialTimeout(e.Network, e.Address, time.Second); err == nil {
		_ = c.Close()
		return fmt.Errorf("listen on %s: another process is listening on this socket", e)
	}
	if err := os.Remove(e.Address); err != nil {
		return fmt.Errorf("remove stale socket %s: %w", e.Address, err)
	}
	return nil
}

func (e Endpoint) chmod(mode os.FileMode) error {
	if !e.IsUnix() || mode == 0 {
		return nil
	}
	if err := os.Chmod(e.Address, mode); err != nil {
		return fmt.Errorf("set mode of %s: %w", e.Address, err)
	}
	return nil
}

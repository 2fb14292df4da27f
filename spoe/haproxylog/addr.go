package haproxylog

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"strings"
)

// DefaultAddr is where the log listener binds when no address is given:
// loopback only.
const DefaultAddr = "udp://127.0.0.1:5140"

// datagramConn is what the listener needs from a bound socket. Read (rather
// than ReadFrom) does not allocate a sender address per datagram.
type datagramConn interface {
	Read(b []byte) (int, error)
	Close() error
	LocalAddr() net.Addr
}

// splitAddr parses "udp://host:port" or "unixgram:/path" into a network and
// an address. An empty host binds to loopback, never to every interface.
func splitAddr(addr string) (network, address string, err error) {
	if addr == "" {
		addr = DefaultAddr
	}
	if path, ok := strings.CutPrefix(addr, "unixgram:"); ok {
		if rest, ok := strings.CutPrefix(path, "//"); ok && strings.HasPrefix(rest, "/") {
			path = rest
		}
		if path == "" {
			return "", "", fmt.Errorf("log address %q: empty socket path", addr)
		}
		return "unixgram", path, nil
	}
	scheme, hostPort, ok := strings.Cut(addr, "://")
	if !ok || (scheme != "udp" && scheme != "udp4" && scheme != "udp6") {
		return "", "", fmt.Errorf("log address %q: want udp://host:port or unixgram:/path", addr)
	}
	host, port, err := net.SplitHostPort(hostPort)
	if err != nil {
		return "", "", fmt.Errorf("log address %q: %w", addr, err)
	}
	if host == "" {
		host = "127.0.0.1"
		if scheme == "udp6" {
			host = "::1"
		}
	}
	return scheme, net.JoinHostPort(host, port), nil
}

// listen binds the datagram socket. For a unix socket a stale socket file is
// replaced, any other existing file is an error, and mode (when non-zero) is
// applied so that HAProxy's user can write to it.
func listen(network, address string, mode fs.FileMode) (datagramConn, error) {
	if network != "unixgram" {
		udpAddr, err := net.ResolveUDPAddr(network, address)
		if err != nil {
			return nil, fmt.Errorf("resolve %s: %w", address, err)
		}
		conn, err := net.ListenUDP(network, udpAddr)
		if err != nil {
			return nil, fmt.Errorf("listen on udp %s: %w", address, err)
		}
		_ = conn.SetReadBuffer(socketBuffer) // best effort; the kernel caps it
		return conn, nil
	}
	if err := removeStaleSocket(address); err != nil {
		return nil, err
	}
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: address, Net: "unixgram"})
	if err != nil {
		return nil, fmt.Errorf("listen on unix datagram socket %s: %w", address, err)
	}
	_ = conn.SetReadBuffer(socketBuffer)
	if mode != 0 {
		if err := os.Chmod(address, mode); err != nil {
			conn.Close()
			os.Remove(address)
			return nil, fmt.Errorf("set mode of %s: %w", address, err)
		}
	}
	return conn, nil
}

// socketBuffer is the receive buffer asked for, to absorb bursts.
const socketBuffer = 4 << 20

// removeStaleSocket removes a socket file left behind at path; it refuses to
// remove anything that is not a socket.
func removeStaleSocket(path string) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check log socket path %s: %w", path, err)
	}
	if info.Mode().Type() != fs.ModeSocket {
		return fmt.Errorf("log socket path %s exists and is not a socket", path)
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("remove stale log socket %s: %w", path, err)
	}
	return nil
}

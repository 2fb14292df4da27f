package endpoint

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// resolveTimeout bounds the name lookup of CheckListen.
const resolveTimeout = 5 * time.Second

// CheckListen checks, without binding, what would make listening on e
// fail: a host name that does not resolve or is not an address of this
// machine, a socket directory that is missing or not writable, a file in
// the way that is not a socket. A port already in use is only found by
// binding.
func (e Endpoint) CheckListen() error {
	if e.IsUnix() {
		return checkSocketPath(e.Address)
	}
	ctx, cancel := context.WithTimeout(context.Background(), resolveTimeout)
	defer cancel()
	ips, err := net.DefaultResolver.LookupNetIP(ctx, ipNetwork(e.Network), e.Host())
	if err != nil || len(ips) == 0 {
		return fmt.Errorf("%s: host %q does not resolve: %w", e, e.Host(), err)
	}
	local, err := localAddresses()
	if err != nil {
		return nil // cannot tell; binding will
	}
	for _, ip := range ips {
		if ip.IsUnspecified() || local[ip.Unmap().String()] {
			return nil
		}
	}
	return fmt.Errorf("%s: %s is not an address of this machine", e, e.Host())
}

// ipNetwork maps a socket network to the resolver's "ip", "ip4" or "ip6".
func ipNetwork(network string) string {
	switch network[len(network)-1] {
	case '4':
		return "ip4"
	case '6':
		return "ip6"
	}
	return "ip"
}

func localAddresses() (map[string]bool, error) {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil, fmt.Errorf("list local addresses: %w", err)
	}
	local := make(map[string]bool, len(addrs))
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			local[n.IP.String()] = true
		}
	}
	return local, nil
}

// checkSocketPath checks that a socket can be created at path: its
// directory exists and is writable, and whatever is at path is a socket.
func checkSocketPath(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("socket directory: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("socket directory %s is not a directory", dir)
	}
	if err := syscall.Access(dir, 0x2|0x1); err != nil { // W_OK|X_OK
		return fmt.Errorf("socket directory %s is not writable: %w", dir, err)
	}
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("socket path: %w", err)
	}
	if info.Mode().Type() != fs.ModeSocket {
		return fmt.Errorf("%s exists and is not a socket", path)
	}
	return nil
}

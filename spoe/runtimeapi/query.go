package runtimeapi

import (
	"context"
	"fmt"
	"io"
	"net"
	"time"
)

// statCommand is sent on each connection. The stats socket is used in its
// non-interactive mode (management guide §9.3): one line, commands
// separated by ';', answered, then closed by HAProxy. "show info" gives the
// process id that reveals reloads.
const statCommand = "show info;show stat\n"

// Query opens one connection to the stats socket, sends "show info;show
// stat" and parses the answer. The whole exchange is bounded by timeout
// (and ctx), and the answer by maxBytes.
func Query(ctx context.Context, network, address string, timeout time.Duration, maxBytes int64) (Stat, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, network, address)
	if err != nil {
		return Stat{}, fmt.Errorf("connect to stats socket %s: %w", address, err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	}
	if _, err := io.WriteString(conn, statCommand); err != nil {
		return Stat{}, fmt.Errorf("send command to stats socket %s: %w", address, err)
	}
	limited := &io.LimitedReader{R: conn, N: maxBytes + 1}
	st, err := ParseStat(limited)
	if limited.N <= 0 {
		return Stat{}, fmt.Errorf("answer from stats socket %s exceeds %d bytes", address, maxBytes)
	}
	if err != nil {
		return Stat{}, fmt.Errorf("stats socket %s: %w", address, err)
	}
	return st, nil
}

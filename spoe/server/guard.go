package server

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// guardConn wraps a connection and reads every SPOP frame length prefix
// itself before the library sees it. The library trusts the prefix blindly
// (a zero length makes it allocate 4 GiB, a short one makes it panic), so a
// length below the smallest frame or above the negotiated max-frame-size
// closes the connection instead. The first frame is buffered whole so that
// HAProxy's HELLO can lower the limit to the max-frame-size it announced.
//
// Read is only ever called by the library's reader, which runs in the
// goroutine serving the connection; fault and benign are read there too.
type guardConn struct {
	net.Conn
	src     *bufio.Reader // buffers the connection: one syscall serves many frames
	metrics *metrics
	limit   uint32 // longest frame accepted, without the 4-byte prefix
	flow    flowControl

	header     [4]byte
	headerLeft int    // prefix bytes still to hand to the reader
	body       []byte // buffered rest of the first frame
	remaining  uint32 // streamed bytes left of the current frame
	frames     int

	acceptedAt time.Time
	lastFrame  atomic.Int64 // unix nanoseconds of the latest frame; 0 before the first
	timeouts   timeouts     // read deadlines; used by the reading goroutine only

	draining  atomic.Bool
	drained   chan struct{} // closed when the drain starts
	drainOnce sync.Once
	fault     string // ReasonShort, ReasonOversized or ReasonZero once dropped
	benign    bool   // the peer left or the server drains: not a protocol error
}

// guardBufferSize is the read buffer of a guarded connection.
const guardBufferSize = 16 << 10

func newGuard(c net.Conn, l limits, m *metrics) *guardConn {
	now := time.Now()
	g := &guardConn{
		Conn: c, src: bufio.NewReaderSize(c, guardBufferSize), limit: l.frameSize, metrics: m,
		flow: newFlowControl(l), drained: make(chan struct{}), acceptedAt: now,
		timeouts: timeouts{idle: l.idleTimeout},
	}
	_ = c.SetReadDeadline(now.Add(l.helloTimeout))
	return g
}

// Read hands the library the frame prefix, then at most the rest of the
// current frame, reading and checking the next prefix at each frame boundary.
func (g *guardConn) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if g.headerLeft == 0 && len(g.body) == 0 && g.remaining == 0 {
		if err := g.nextFrame(); err != nil {
			return 0, err
		}
	}
	if g.headerLeft > 0 {
		n := copy(p, g.header[len(g.header)-g.headerLeft:])
		g.headerLeft -= n
		return n, nil
	}
	if len(g.body) > 0 {
		n := copy(p, g.body)
		g.body = g.body[n:]
		return n, nil
	}
	if uint32(len(p)) > g.remaining {
		p = p[:g.remaining]
	}
	n, err := g.src.Read(p)
	g.remaining -= uint32(n)
	if err != nil {
		g.benign = true // the peer went away mid-frame, or the drain cut it
	}
	return n, err
}

// nextFrame reads and checks the next length prefix.
func (g *guardConn) nextFrame() error {
	if g.draining.Load() {
		return io.EOF
	}
	if _, err := io.ReadFull(g.src, g.header[:]); err != nil {
		return g.boundaryError(err)
	}
	length := binary.BigEndian.Uint32(g.header[:])
	if reason := g.check(length); reason != "" {
		return g.drop(reason, length)
	}
	g.metrics.frames.Inc()
	g.headerLeft = len(g.header)
	g.frames++
	if g.frames > 1 {
		g.remaining = length
		err := g.admit()
		g.active(false)
		return err
	}
	if err := g.readFirstFrame(length); err != nil {
		return err
	}
	g.active(true)
	return nil
}

// readFirstFrame buffers the first frame and, when it is HAProxy's HELLO,
// lowers the limit to the max-frame-size announced there. The library echoes
// that value back, so it is the size both sides agreed on.
func (g *guardConn) readFirstFrame(length uint32) error {
	body := make([]byte, length)
	if _, err := io.ReadFull(g.src, body); err != nil {
		g.benign = true
		return fmt.Errorf("spoe guard: read first frame: %w", err)
	}
	if size, ok := helloMaxFrameSize(body); ok && size >= minNegotiatedFrameSize && size < g.limit {
		g.limit = size
	}
	g.body = body
	return nil
}

func (g *guardConn) check(length uint32) string {
	switch {
	case length == 0:
		return ReasonZero
	case length < minFrameSize:
		return ReasonShort
	case length > g.limit:
		return ReasonOversized
	}
	return ""
}

// drop counts the bad frame, closes the connection and fails the read.
func (g *guardConn) drop(reason string, length uint32) error {
	g.fault = reason
	g.metrics.frameError(reason)
	_ = g.Conn.Close()
	return fmt.Errorf("spoe guard: frame length %d (limit %d): %s", length, g.limit, reason)
}

// boundaryError turns an error between frames into io.EOF when the peer
// closed cleanly or the server is draining, so the library stops quietly.
func (g *guardConn) boundaryError(err error) error {
	if g.draining.Load() || errors.Is(err, io.EOF) {
		g.benign = true
		return io.EOF
	}
	g.benign = true
	return fmt.Errorf("spoe guard: read frame length: %w", err)
}

// startDrain makes the reader stop at the next frame boundary. An idle read
// is interrupted at once; a frame already buffered is still handed over and
// acknowledged, one still arriving from the network is cut.
func (g *guardConn) startDrain() {
	g.draining.Store(true)
	g.drainOnce.Do(func() { close(g.drained) })
	_ = g.Conn.SetReadDeadline(time.Now())
}

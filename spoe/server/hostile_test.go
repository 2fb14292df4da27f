package server

import (
	"encoding/binary"
	"errors"
	"net"
	"os"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
)

// hostileCase is input that must drop the connection and move a counter
// without taking the server down.
type hostileCase struct {
	name   string
	input  []byte
	reason string
}

func hostileCases() []hostileCase {
	hello := helloFrame(16380)
	truncatedVarint := []byte{0, 0, 0, 12, typeHello, 0, 0, 0, 1, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0, 0xF0}
	shortIPv4 := cat(hello, frameWithRaw(typeNotify, []byte{
		1, 'm', 1, // message "m" with one argument
		1, 'a', 0x06, 10, 0, // argument "a": IPv4 with two of its four bytes
	}))
	return []hostileCase{
		{"six-byte frame", []byte{0, 0, 0, 6, typeHello, 0, 0, 0, 1, 0}, ReasonShort},
		{"two-byte notify from the design notes", []byte{0, 0, 0, 2, 3, 0}, ReasonShort},
		{"zero length", []byte{0, 0, 0, 0, typeHello}, ReasonZero},
		{"4 GiB length", []byte{0xFF, 0xFF, 0xFF, 0xFF, typeHello, 0, 0, 0, 1}, ReasonOversized},
		{"http request", []byte("GET / HTTP/1.1\r\nHost: spoe\r\n\r\n"), ReasonOversized},
		{"beyond negotiated max-frame-size", cat(helloFrame(256), notifyFrame(1, 1,
			message{name: MessageName, args: []item{{ArgUniqueID, string(make([]byte, 300))}}})), ReasonOversized},
		{"truncated varint", truncatedVarint, ReasonPanic},
		{"wrongly typed healthcheck", helloFrame(16380, item{"healthcheck", "yes"}), ReasonPanic},
		{"wrongly typed max-frame-size", frame(typeHello, 0, 0, kvs(item{"max-frame-size", "big"})), ReasonPanic},
		{"short IPv4 argument", shortIPv4, ReasonPanic},
		{"notify before hello", notifyFrame(1, 1, responseMessage("be", "s", 200)), ReasonProtocol},
		{"unknown frame type", frameWithRaw(0x42, nil), ReasonProtocol},
		{"agent frame from the peer", cat(hello, frameWithRaw(typeAgentAck, nil)), ReasonProtocol},
	}
}

func cat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// frameWithRaw is a frame with stream-id 1, frame-id 1 and a raw payload.
func frameWithRaw(typ byte, payload []byte) []byte { return frame(typ, 1, 1, payload) }

func TestHostileInputDropsTheConnection(t *testing.T) {
	ts := startServer(t, Config{})
	for _, tc := range hostileCases() {
		t.Run(tc.name, func(t *testing.T) {
			counter := ts.srv.metrics.frameErrors[tc.reason]
			before := testutil.ToFloat64(counter)
			c := dial(t, ts.addr)
			_ = c.send(tc.input) // the server may close before reading it all
			expectClosed(t, c)
			waitCounter(t, counter, before+1)
			healthy := dial(t, ts.addr) // the process lives and still serves
			healthy.handshake(16380)
		})
	}
}

// expectClosed reads until the server closes, failing on a timeout.
func expectClosed(t *testing.T, c *client) {
	t.Helper()
	for range 4 { // a HELLO may be answered before the bad frame is read
		_, err := c.receive()
		if err == nil {
			continue
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("connection still open: %v", err)
		}
		return
	}
	t.Fatal("connection still open after 4 frames")
}

func TestHelloMaxFrameSizeIsNotTrustedBeyondTheCap(t *testing.T) {
	ts := startServer(t, Config{MaxFrameSize: 1024})
	c := dial(t, ts.addr)
	c.handshake(1 << 20) // HAProxy never does this; the cap still holds
	big := make([]byte, 4+2000)
	binary.BigEndian.PutUint32(big, 2000)
	_ = c.send(big)
	expectClosed(t, c)
	waitCounter(t, ts.srv.metrics.frameErrors[ReasonOversized], 1)
}

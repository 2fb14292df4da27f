package server

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/negasus/haproxy-spoe-go/typeddata"
	"github.com/negasus/haproxy-spoe-go/varint"
)

// Hand-built SPOP frames (SPOE.txt §3.2), independent of the library's
// encoder, so the tests exercise exactly the bytes HAProxy would send.

const (
	typeHello      = 0x01
	typeDisconnect = 0x02
	typeNotify     = 0x03
	typeAgentHello = 0x65
	typeAgentDisc  = 0x66
	typeAgentAck   = 0x67
)

type item struct {
	key   string
	value any
}

type message struct {
	name string
	args []item
}

func appendVarint(b []byte, v uint64) []byte {
	var tmp [10]byte
	n := varint.PutUvarint(tmp[:], v)
	return append(b, tmp[:n]...)
}

// frame returns a complete frame, length prefix included, with the FIN flag.
func frame(typ byte, stream, id uint64, payload []byte) []byte {
	body := []byte{typ, 0, 0, 0, 1}
	body = appendVarint(body, stream)
	body = appendVarint(body, id)
	body = append(body, payload...)
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(body))), body...)
}

func kvs(items ...item) []byte {
	var b []byte
	for _, it := range items {
		b = appendVarint(b, uint64(len(it.key)))
		b = append(b, it.key...)
		data, n, err := typeddata.Encode(it.value, nil)
		if err != nil {
			panic(fmt.Sprintf("test encoding %v: %v", it, err))
		}
		b = append(b, data[:n]...)
	}
	return b
}

func helloFrame(maxFrameSize uint32, extra ...item) []byte {
	items := append([]item{
		{"supported-versions", "2.0"},
		{"max-frame-size", maxFrameSize},
		{"capabilities", "pipelining"},
		{"engine-id", "test-engine"},
	}, extra...)
	return frame(typeHello, 0, 0, kvs(items...))
}

func disconnectFrame() []byte {
	return frame(typeDisconnect, 0, 0, kvs(item{"status-code", uint32(0)}, item{"message", "normal"}))
}

func notifyFrame(stream, id uint64, msgs ...message) []byte {
	var b []byte
	for _, m := range msgs {
		b = appendVarint(b, uint64(len(m.name)))
		b = append(b, m.name...)
		b = append(b, byte(len(m.args)))
		b = append(b, kvs(m.args...)...)
	}
	return frame(typeNotify, stream, id, b)
}

// responseMessage is the message the wiring sends for one response.
func responseMessage(backend, server string, status int64) message {
	return message{name: MessageName, args: []item{
		{ArgFrontend, "fe_main"}, {ArgBackend, backend}, {ArgServer, server},
		{ArgStatus, status}, {ArgUniqueID, "7F000001:D2F0_7F000001:1F90_6760A2B1_0001:4D2"},
		{ArgT0, int64(1_700_000_000_000_000)}, {ArgT1, int64(1_700_000_000_012_500)},
	}}
}

type received struct {
	typ        byte
	stream, id uint64
	payload    []byte
}

func readFrame(r *bufio.Reader) (received, error) {
	var prefix [4]byte
	if _, err := io.ReadFull(r, prefix[:]); err != nil {
		return received{}, err
	}
	body := make([]byte, binary.BigEndian.Uint32(prefix[:]))
	if _, err := io.ReadFull(r, body); err != nil {
		return received{}, err
	}
	if len(body) < 7 {
		return received{}, fmt.Errorf("frame of %d bytes", len(body))
	}
	f := received{typ: body[0]}
	rest := body[5:]
	var n int
	f.stream, n = varint.Uvarint(rest)
	rest = rest[n:]
	f.id, n = varint.Uvarint(rest)
	f.payload = rest[n:]
	return f, nil
}

type setVar struct {
	Scope byte
	Name  string
	Value any
}

// parseActions decodes an AGENT-ACK payload made of set-var actions.
func parseActions(b []byte) ([]setVar, error) {
	var out []setVar
	for len(b) > 0 {
		if len(b) < 4 || b[0] != 0x01 || b[1] != 3 {
			return out, fmt.Errorf("not a set-var action: % x", b)
		}
		sv := setVar{Scope: b[2]}
		l, n := varint.Uvarint(b[3:])
		b = b[3+n:]
		sv.Name, b = string(b[:l]), b[l:]
		v, n, err := typeddata.Decode(b)
		if err != nil {
			return out, err
		}
		sv.Value, b = v, b[n:]
		out = append(out, sv)
	}
	return out, nil
}

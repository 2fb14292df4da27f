package server

import (
	"io"
	"time"

	spop "github.com/negasus/haproxy-spoe-go/frame"
)

// limits are the per-connection bounds a guard enforces.
type limits struct {
	frameSize    uint32        // longest frame, before HELLO negotiates
	inFlight     int           // NOTIFYs read whose ACK is not written yet
	writeTimeout time.Duration // longest write of one frame
	helloTimeout time.Duration // from accept to the end of the first frame
	idleTimeout  time.Duration // longest wait for the next frame
}

// flowControl bounds the library's goroutines: it starts one per NOTIFY and
// has no limit of its own, and a peer that stops reading ACKs would leave
// them all blocked in Write. The guard stops reading NOTIFYs while inFlight
// are unacknowledged (TCP then pushes back on HAProxy), and drops a peer
// whose socket does not take an ACK within writeTimeout.
type flowControl struct {
	tokens       chan struct{}
	writeTimeout time.Duration
}

func newFlowControl(l limits) flowControl {
	return flowControl{tokens: make(chan struct{}, max(l.inFlight, 1)), writeTimeout: l.writeTimeout}
}

// admit takes a token for the frame about to be read when it is a NOTIFY,
// waiting for one while the connection is at its limit.
func (g *guardConn) admit() error {
	typ, err := g.src.Peek(1)
	if err != nil || spop.Type(typ[0]) != spop.TypeNotify {
		return nil // the library reads the error, or the frame needs no ACK
	}
	select {
	case g.flow.tokens <- struct{}{}:
		return nil
	default:
	}
	g.metrics.backpressure.Inc()
	select {
	case g.flow.tokens <- struct{}{}:
		return nil
	case <-g.drained:
		g.benign = true
		return io.EOF
	}
}

// Write sends one frame (the library writes each frame in one call) within
// the write timeout, returns the token when it is an ACK, and closes the
// connection when the peer does not take it.
func (g *guardConn) Write(p []byte) (int, error) {
	if g.flow.writeTimeout > 0 {
		_ = g.Conn.SetWriteDeadline(time.Now().Add(g.flow.writeTimeout))
	}
	n, err := g.Conn.Write(p)
	if len(p) > 4 && spop.Type(p[4]) == spop.TypeAgentAck {
		select {
		case <-g.flow.tokens:
		default:
		}
	}
	if err != nil {
		_ = g.Conn.Close()
	}
	return n, err
}

package haproxylog

import (
	"context"
	"net"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus"
)

const (
	floodDatagrams = 200_000
	floodQueue     = 1000
)

// heapInuse returns the bytes of heap in use after a full collection.
func heapInuse() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}

// A flood far beyond what the (never drained) queue holds: every parsed line
// is either queued or counted as dropped, and memory does not grow with it.
func TestListenerFloodIsDroppedAndCountedWithFlatMemory(t *testing.T) {
	queue := event.NewQueue(floodQueue)
	reg := prometheus.NewRegistry()
	l, err := NewListener(ListenerConfig{Addr: "udp://127.0.0.1:0", Sink: queue, Registerer: reg})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Run(ctx) }()
	defer cancel()

	before := heapInuse()
	sent := flood(t, l.Addr())
	waitForQuiet(t, reg)
	after := heapInuse()
	cancel()
	if err := <-done; err != nil { // the counters are final from here on
		t.Fatalf("Run: %v", err)
	}

	received := counterValue(t, reg, "hapguard_agent_log_datagrams_received_total", "")

	parsed := counterValue(t, reg, linesTotal, "http")
	if received == 0 || parsed != received {
		t.Fatalf("received %v datagrams, parsed %v http lines (sent %d)", received, parsed, sent)
	}
	if got := float64(queue.Dropped()) + float64(queue.Len()); got != parsed {
		t.Errorf("queued %d + dropped %d = %v, want every parsed line (%v)", queue.Len(), queue.Dropped(), got, parsed)
	}
	if queue.Len() != floodQueue || queue.Dropped() == 0 {
		t.Errorf("queue len %d, dropped %d: the flood did not exceed capacity", queue.Len(), queue.Dropped())
	}
	t.Logf("sent %d, received %v, queued %d, dropped %d, heap in use %d -> %d bytes",
		sent, received, queue.Len(), queue.Dropped(), before, after)
	if after > 2*before+8<<20 {
		t.Errorf("heap in use grew from %d to %d bytes", before, after)
	}
}

// flood sends floodDatagrams log lines, each from a different server name so
// that the parser's interning table is exercised too, and returns how many
// were written.
func flood(t *testing.T, addr string) int {
	t.Helper()
	e, _ := parseAddr(addr)
	conn, err := net.Dial("udp", e.Address)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	prefix := []byte(`<134>Nov 23 19:45:34 haproxy[1]: 127.0.0.1:43162 [23/Nov/2026:19:45:34.852] fe be/s`)
	suffix := []byte(` 0/0/0/-1/0 502 209 - - PH-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"`)
	buf := make([]byte, 0, 256)
	sent := 0
	for i := range floodDatagrams {
		buf = append(strconv.AppendInt(append(buf[:0], prefix...), int64(i), 10), suffix...)
		if _, err := conn.Write(buf); err == nil {
			sent++
		}
	}
	return sent
}

// waitForQuiet waits (bounded) until the datagram counter stops moving.
// UDP may lose datagrams in the kernel under a flood; what arrives must be
// accounted for.
func waitForQuiet(t *testing.T, reg *prometheus.Registry) {
	const name = "hapguard_agent_log_datagrams_received_total"
	last := -1.0
	for range 100 {
		n := counterValue(t, reg, name, "")
		if n == last {
			return
		}
		last = n
		time.Sleep(100 * time.Millisecond)
	}
}

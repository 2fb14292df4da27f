package haproxylog

import (
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus"
)

const recommendedLine = `<134>Nov 23 19:45:36 haproxy[21916]: 7F000001:93AE_7F000001:AA2F_6B0497E0_000D:559C 127.0.0.1:37806 [23/Nov/2026:19:45:36.663] fe_rec be_garbage/s_garbage 0/0/0/-1/0 502 209 - - PH-- 1/1/0/0/0 0/0 "GET /garbage HTTP/1.1"`

// benchmarkParse measures Parse on one line, names already interned.
func benchmarkParse(b *testing.B, line string) {
	p := NewParser(0)
	in := []byte(line)
	now := time.Now()
	var ev event.Event
	p.Parse(in, now, &ev)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		p.Parse(in, now, &ev)
	}
}

func BenchmarkParseHTTPLog(b *testing.B)     { benchmarkParse(b, phLine) }
func BenchmarkParseRecommended(b *testing.B) { benchmarkParse(b, recommendedLine) }
func BenchmarkParseServerState(b *testing.B) { benchmarkParse(b, nosrvNotice) }
func BenchmarkParseUnparsable(b *testing.B) {
	benchmarkParse(b, "<134>Nov 23 19:45:36 haproxy[1]: what is this")
}

func BenchmarkClassify(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Classify(503, "SC--", "<NOSRV>")
	}
}

func TestParseTypicalLinesDoNotAllocate(t *testing.T) {
	for _, line := range []string{phLine, recommendedLine, nosrvNotice} {
		checkNoAllocs(t, line)
	}
}

// checkNoAllocs asserts that parsing a line with known names allocates
// nothing (allocation counts are deterministic, unlike timings).
func checkNoAllocs(t *testing.T, line string) {
	t.Helper()
	p := NewParser(0)
	in := []byte(line)
	var ev event.Event
	p.Parse(in, testNow, &ev)
	if allocs := testing.AllocsPerRun(200, func() { p.Parse(in, testNow, &ev) }); allocs != 0 {
		t.Fatalf("Parse allocates %v times per line", allocs)
	}
}

// discardSink accepts and forgets every event.
type discardSink struct{}

// Offer discards e.
func (discardSink) Offer(event.Event) bool { return true }

// BenchmarkListenerHandleDatagram measures the listener's whole per-datagram
// path (metrics, parse, offer), without the socket.
func BenchmarkListenerHandleDatagram(b *testing.B) {
	l, err := NewListener(ListenerConfig{Addr: "udp://127.0.0.1:0", Sink: discardSink{}, Registerer: prometheus.NewRegistry()})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	line := []byte(recommendedLine)
	now := time.Now()
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		l.handleDatagram(line, now)
	}
}

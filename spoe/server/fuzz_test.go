package server

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

var writeSeeds = flag.Bool("write-seeds", false, "rewrite testdata/fuzz/FuzzConnection from the hostile and happy cases")

// pipeConn is a net.Conn that reads from a fixed input and discards writes.
type pipeConn struct {
	r *bytes.Reader
}

func (c pipeConn) Read(p []byte) (int, error)     { return c.r.Read(p) }
func (pipeConn) Write(p []byte) (int, error)      { return len(p), nil }
func (pipeConn) Close() error                     { return nil }
func (pipeConn) LocalAddr() net.Addr              { return &net.UnixAddr{Name: "fuzz", Net: "unix"} }
func (pipeConn) RemoteAddr() net.Addr             { return &net.UnixAddr{Name: "fuzz", Net: "unix"} }
func (pipeConn) SetDeadline(time.Time) error      { return nil }
func (pipeConn) SetReadDeadline(time.Time) error  { return nil }
func (pipeConn) SetWriteDeadline(time.Time) error { return nil }

func fuzzSeeds() [][]byte {
	seeds := [][]byte{
		cat(helloFrame(16380), notifyFrame(1, 1, responseMessage("be_api", "s1", 502)), disconnectFrame()),
		helloFrame(16380, item{"healthcheck", true}),
	}
	for _, tc := range hostileCases() {
		seeds = append(seeds, tc.input)
	}
	return seeds
}

// FuzzConnection feeds arbitrary bytes through the guard and the library, as
// one connection. Whatever the input, the connection must end (no hang) and
// the process must survive; memory stays bounded by the frame-size cap.
func FuzzConnection(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	m, err := newMetrics(nil)
	if err != nil {
		f.Fatal(err)
	}
	log := slog.New(slog.DiscardHandler)
	h := newHandler(Config{}.withDefaults(), event.NewQueue(16), m, log)
	f.Fuzz(func(t *testing.T, data []byte) {
		g := newGuard(pipeConn{bytes.NewReader(data)}, Config{}.withDefaults().limits(), m)
		done := make(chan struct{})
		go func() {
			defer close(done)
			serveConn(g, h.handle, m, log)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("connection not finished after 5s on %d bytes", len(data))
		}
	})
}

// TestWriteFuzzSeeds regenerates the checked-in corpus with -write-seeds and
// otherwise checks that it is there.
func TestWriteFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzConnection")
	if !*writeSeeds {
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) < len(fuzzSeeds()) {
			t.Fatalf("seed corpus in %s has %d files (err %v), want at least %d; run go test -run TestWriteFuzzSeeds -write-seeds", dir, len(entries), err, len(fuzzSeeds()))
		}
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, s := range fuzzSeeds() {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", s)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%02d", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var _ io.Reader = pipeConn{}

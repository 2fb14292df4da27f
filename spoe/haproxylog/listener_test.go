package haproxylog

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus"
)

const (
	phLine      = `<134>Nov 23 19:45:34 haproxy[21916]: 127.0.0.1:43162 [23/Nov/2026:19:45:34.852] fe_std be_garbage/s_garbage 0/0/0/-1/0 502 209 - - PH-- 1/1/0/0/0 0/0 "GET /garbage HTTP/1.1"`
	nosrvNotice = `<128>Nov 23 19:45:55 haproxy[22575]: backend be has no server available!`
)

// send writes each datagram to the listener's address.
func send(t *testing.T, addr string, datagrams ...[]byte) {
	t.Helper()
	e, err := parseAddr(addr)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial(e.Network, e.Address)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	defer conn.Close()
	for _, d := range datagrams {
		if _, err := conn.Write(d); err != nil {
			t.Fatalf("write %d bytes: %v", len(d), err)
		}
	}
}

// waitForLines polls until the listener counted want lines of kind.
func waitForLines(t *testing.T, in *testInput, kind string, want float64) {
	t.Helper()
	if got := waitForCounter(t, in.reg, linesTotal, kind, want, 5*time.Second); got != want {
		t.Fatalf("%s lines = %v, want %v", kind, got, want)
	}
}

func TestListenerOverUDPAndUnixDatagram(t *testing.T) {
	for _, addr := range []string{"udp://127.0.0.1:0", "unixgram:" + filepath.Join(t.TempDir(), "log.sock")} {
		t.Run(strings.Split(addr, ":")[0], func(t *testing.T) {
			in := startTestInput(t, addr)
			send(t, in.listener.Addr(), []byte(phLine+"\n"), []byte(nosrvNotice), []byte("garbage"),
				[]byte(phLine+"\n"+nosrvNotice+"\n"), []byte{}, []byte("\n\n"))
			waitForLines(t, in, "http", 2)
			waitForLines(t, in, "server_state", 2)
			waitForLines(t, in, "unparsable", 1)
			got := in.sink.observed()
			if len(got) != 4 || got[0].Term != "PH" || got[1].Cause != "no_server_up" {
				t.Errorf("events = %+v", got)
			}
			if n := waitForCounter(t, in.reg, "hapguard_agent_log_datagrams_received_total", "", 6, 5*time.Second); n != 6 {
				t.Errorf("datagrams = %v, want 6", n)
			}
			wantBytes := float64(2*len(phLine) + 2*len(nosrvNotice) + len("garbage") + 5)
			if n := counterValue(t, in.reg, "hapguard_agent_log_received_bytes_total", ""); n != wantBytes {
				t.Errorf("bytes = %v, want %v", n, wantBytes)
			}
		})
	}
}

func TestListenerTruncatesHugeDatagrams(t *testing.T) {
	in := startTestInput(t, "unixgram:"+filepath.Join(t.TempDir(), "log.sock"))
	hugeURI := strings.Replace(phLine, "/garbage", "/"+strings.Repeat("a", 100_000), 1)
	send(t, in.listener.Addr(), []byte(hugeURI), []byte(strings.Repeat("x", 90_000)), []byte(phLine[:120]))
	waitForLines(t, in, "http", 1)
	waitForLines(t, in, "unparsable", 2)
	if n := counterValue(t, in.reg, "hapguard_agent_log_truncated_datagrams_total", ""); n != 2 {
		t.Errorf("truncated = %v, want 2", n)
	}
}

func TestListenerRunReturnsOnCancelAndRemovesSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.sock")
	l, err := NewListener(ListenerConfig{Addr: "unixgram:" + path, Sink: &recordingSink{}, Registerer: prometheus.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Run(ctx) }()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run = %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("socket file still there: %v", err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}

func TestNewListenerErrors(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "file")
	if err := os.WriteFile(regular, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  ListenerConfig
		want string
	}{
		{"no sink", ListenerConfig{Registerer: prometheus.NewRegistry()}, "sink"},
		{"bad scheme", ListenerConfig{Addr: "tcp://127.0.0.1:1", Sink: &recordingSink{}, Registerer: prometheus.NewRegistry()}, "want udp://"},
		{"no port", ListenerConfig{Addr: "udp://127.0.0.1", Sink: &recordingSink{}, Registerer: prometheus.NewRegistry()}, "missing port"},
		{"not a socket", ListenerConfig{Addr: "unixgram:" + regular, Sink: &recordingSink{}, Registerer: prometheus.NewRegistry()}, "not a socket"},
		{"empty path", ListenerConfig{Addr: "unixgram:", Sink: &recordingSink{}, Registerer: prometheus.NewRegistry()}, "empty socket path"},
	}
	for _, tt := range tests {
		l, err := NewListener(tt.cfg)
		if err == nil {
			l.Close()
			t.Errorf("%s: NewListener succeeded", tt.name)
		} else if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q does not mention %q", tt.name, err, tt.want)
		}
	}
}

func TestNewListenerDuplicateMetricsReleasesSocket(t *testing.T) {
	reg := prometheus.NewRegistry()
	path := filepath.Join(t.TempDir(), "log.sock")
	first, err := NewListener(ListenerConfig{Addr: "udp://127.0.0.1:0", Sink: &recordingSink{}, Registerer: reg})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	if _, err := NewListener(ListenerConfig{Addr: "unixgram:" + path, Sink: &recordingSink{}, Registerer: reg}); err == nil {
		t.Fatal("second listener on the same registry succeeded")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("socket left behind after failure: %v", err)
	}
}

func TestListenerReplacesStaleSocket(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.sock")
	stale, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	stale.Close() // leaves the file behind, as a crashed process would
	in := startTestInput(t, "unixgram:"+path)
	send(t, in.listener.Addr(), []byte(phLine))
	waitForLines(t, in, "http", 1)
}

func TestParseAddr(t *testing.T) {
	tests := []struct{ in, network, address string }{
		{"", "udp", "127.0.0.1:5140"},
		{"udp://:514", "udp", "127.0.0.1:514"},
		{"udp6://:514", "udp6", "[::1]:514"},
		{"udp://0.0.0.0:514", "udp", "0.0.0.0:514"},
		{"unixgram:/run/log.sock", "unixgram", "/run/log.sock"},
		{"unixgram:///run/log.sock", "unixgram", "/run/log.sock"},
	}
	for _, tt := range tests {
		e, err := parseAddr(tt.in)
		if err != nil || e.Network != tt.network || e.Address != tt.address {
			t.Errorf("parseAddr(%q) = %+v, %v; want %q, %q", tt.in, e, err, tt.network, tt.address)
		}
	}
}

var _ event.Sink = (*recordingSink)(nil)

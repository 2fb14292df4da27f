package server

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/hapguard/hapguard/spoe/event"
	"github.com/negasus/haproxy-spoe-go/action"
)

var eventCmp = []cmp.Option{
	cmpopts.IgnoreFields(event.Event{}, "Time"),
	cmp.Comparer(func(a, b event.UniqueID) bool { return a.String() == b.String() }),
}

func TestNotifyBecomesEventAndVerdict(t *testing.T) {
	ts := startServer(t, Config{Verdict: func(backend, server string) string {
		if server == "s1" {
			return "server_5xx"
		}
		return "ok"
	}})
	c := dial(t, ts.addr)
	c.handshake(16380)
	if err := c.send(notifyFrame(5, 9, responseMessage("be_api", "s1", 503))); err != nil {
		t.Fatal(err)
	}
	ack, err := c.receive()
	if err != nil {
		t.Fatalf("read ack: %v", err)
	}
	gotAck := received{typ: ack.typ, stream: ack.stream, id: ack.id}
	if diff := cmp.Diff(received{typ: typeAgentAck, stream: 5, id: 9}, gotAck, cmp.AllowUnexported(received{})); diff != "" {
		t.Errorf("ack header (-want +got):\n%s", diff)
	}
	actions, err := parseActions(ack.payload)
	if err != nil {
		t.Fatal(err)
	}
	want := []setVar{{Scope: byte(action.ScopeTransaction), Name: VerdictVar, Value: "server_5xx"}}
	if diff := cmp.Diff(want, actions); diff != "" {
		t.Errorf("ack actions (-want +got):\n%s", diff)
	}
	wantEvent := event.Event{
		Kind: event.KindResponse, Source: event.SourceSPOE,
		Frontend: "fe_main", Backend: "be_api", Server: "s1", Status: 503,
		Timings:  event.Timings{Request: -1, Queue: -1, Connect: -1, Response: 12500 * time.Microsecond, Total: -1},
		UniqueID: event.MakeUniqueID("7F000001:D2F0_7F000001:1F90_6760A2B1_0001:4D2"),
	}
	select {
	case got := <-ts.queue.Events():
		if diff := cmp.Diff(wantEvent, got, eventCmp...); diff != "" {
			t.Errorf("event (-want +got):\n%s", diff)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("no event within 2s")
	}
}

func TestTimersFromNewerHAProxy(t *testing.T) {
	ts := startServer(t, Config{})
	c := dial(t, ts.addr)
	c.handshake(16380)
	msg := message{name: MessageName, args: []item{
		{ArgBackend, "be"}, {ArgServer, "s"}, {ArgStatus, int64(200)},
		{ArgQueue, int64(0)}, {ArgConnect, int64(3)}, {ArgResponse, int64(40)},
		{ArgT0, int64(1_700_000_000_000_000)}, {ArgT1, int64(1_700_000_000_999_000)},
	}}
	if err := c.send(notifyFrame(1, 1, msg)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.receive(); err != nil {
		t.Fatal(err)
	}
	got := <-ts.queue.Events()
	want := event.Timings{Request: -1, Queue: 0, Connect: 3 * time.Millisecond, Response: 40 * time.Millisecond, Total: -1}
	if diff := cmp.Diff(want, got.Timings); diff != "" {
		t.Errorf("timings (-want +got):\n%s", diff)
	}
}

func TestUnrelatedMessageStillGetsAnAction(t *testing.T) {
	ts := startServer(t, Config{})
	c := dial(t, ts.addr)
	c.handshake(16380)
	if err := c.send(notifyFrame(1, 1, message{name: "other", args: []item{{"x", int32(1)}}})); err != nil {
		t.Fatal(err)
	}
	ack, err := c.receive()
	if err != nil {
		t.Fatal(err)
	}
	actions, err := parseActions(ack.payload)
	if err != nil {
		t.Fatal(err)
	}
	want := []setVar{{Scope: byte(action.ScopeTransaction), Name: VerdictVar, Value: DefaultVerdict}}
	if diff := cmp.Diff(want, actions); diff != "" {
		t.Errorf("actions (-want +got):\n%s", diff)
	}
	if n := ts.queue.Len(); n != 0 {
		t.Errorf("queue holds %d events, want 0", n)
	}
}

func TestHealthCheckIsAnswered(t *testing.T) {
	ts := startServer(t, Config{})
	c := dial(t, ts.addr)
	if err := c.send(helloFrame(16380, item{"healthcheck", true})); err != nil {
		t.Fatal(err)
	}
	f, err := c.receive()
	if err != nil || f.typ != typeAgentHello {
		t.Fatalf("want AGENT-HELLO, got type %#x, err %v", f.typ, err)
	}
	if _, err := c.receive(); !errors.Is(err, io.EOF) {
		t.Errorf("after a health check the connection should close, got %v", err)
	}
}

func TestDisconnectIsAnswered(t *testing.T) {
	ts := startServer(t, Config{})
	c := dial(t, ts.addr)
	c.handshake(16380)
	if err := c.send(disconnectFrame()); err != nil {
		t.Fatal(err)
	}
	f, err := c.receive()
	if err != nil || f.typ != typeAgentDisc {
		t.Fatalf("want AGENT-DISCONNECT, got type %#x, err %v", f.typ, err)
	}
}

func TestUnixSocketListener(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spoe.sock")
	ts := startServer(t, Config{Address: "unix:" + path, SocketMode: 0o660})
	if info, err := os.Stat(path); err != nil {
		t.Error(err)
	} else if info.Mode().Perm() != 0o660 {
		t.Errorf("socket mode = %v, want 0660", info.Mode().Perm())
	}
	c := dial(t, ts.addr)
	c.handshake(16380)
	if err := c.send(notifyFrame(1, 1, responseMessage("be", "s", 200))); err != nil {
		t.Fatal(err)
	}
	if f, err := c.receive(); err != nil || f.typ != typeAgentAck {
		t.Fatalf("want AGENT-ACK, got type %#x, err %v", f.typ, err)
	}
}

func TestShutdownClosesIdleConnections(t *testing.T) {
	ts := startServer(t, Config{ShutdownTimeout: 2 * time.Second})
	c := dial(t, ts.addr)
	c.handshake(16380)
	waitCounter(t, ts.srv.metrics.connsActive, 1)
	if err := ts.stop(t); err != nil {
		t.Fatalf("Run returned %v, want nil", err)
	}
	if _, err := c.receive(); err == nil {
		t.Error("connection still open after shutdown")
	}
	if got := testutilValue(ts.srv.metrics.connsActive); got != 0 {
		t.Errorf("active connections after shutdown: %v", got)
	}
}

func TestConnectionLimit(t *testing.T) {
	ts := startServer(t, Config{MaxConnections: 1})
	first := dial(t, ts.addr)
	first.handshake(16380)
	second := dial(t, ts.addr)
	if _, err := second.receive(); err == nil {
		t.Error("second connection was served past the limit")
	}
	waitCounter(t, ts.srv.metrics.connsRejected, 1)
}

func TestConfigErrors(t *testing.T) {
	for _, cfg := range []Config{
		{Address: "tcp://127.0.0.1:99999"},
		{Address: "tcp://nohost"},
		{Address: "unix:"},
		{MaxFrameSize: 100},
	} {
		if _, err := New(cfg, event.NewQueue(1), nil, nil); err == nil {
			t.Errorf("New(%+v) accepted a bad config", cfg)
		}
	}
	if _, err := New(Config{}, nil, nil, nil); err == nil {
		t.Error("New accepted a nil sink")
	}
}

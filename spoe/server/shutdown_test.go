package server

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/negasus/haproxy-spoe-go/action"
)

func TestShutdownCutsAStalledFrame(t *testing.T) {
	ts := startServer(t, Config{ShutdownTimeout: time.Second})
	c := dial(t, ts.addr)
	c.handshake(16380)
	notify := notifyFrame(1, 1, responseMessage("be", "s", 200))
	if err := c.send(notify[:len(notify)/2]); err != nil { // and never the rest
		t.Fatal(err)
	}
	if err := ts.stop(t); err != nil {
		t.Fatalf("Run returned %v, want nil", err)
	}
	if _, err := c.receive(); err == nil {
		t.Error("connection with a stalled frame still open after shutdown")
	}
}

func TestPanickingVerdictStillAnswers(t *testing.T) {
	ts := startServer(t, Config{Verdict: func(string, string) string { panic("detector bug") }})
	c := dial(t, ts.addr)
	c.handshake(16380)
	if err := c.send(notifyFrame(1, 1, responseMessage("be", "s", 200))); err != nil {
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
	waitCounter(t, ts.srv.metrics.handlerPanics, 1)
	if err := c.send(notifyFrame(2, 2, responseMessage("be", "s", 200))); err != nil {
		t.Fatal(err)
	}
	if _, err := c.receive(); err != nil {
		t.Errorf("connection unusable after a handler panic: %v", err)
	}
}

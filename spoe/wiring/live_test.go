package wiring

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/server"
)

// TestLiveHAProxyTalksToTheServer runs the real HAProxy with the printed
// wiring in front of a loopback backend and the SPOE server: a response must
// come back with the verdict header, and the server must see the event.
func TestLiveHAProxyTalksToTheServer(t *testing.T) {
	haproxy := requireHAProxy(t)
	dir := t.TempDir()
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(app.Close)
	queue := startSPOEServer(t)
	opts := Options{
		HAProxyVersion: "2.6", AgentAddress: "tcp://" + queue.addr,
		SyslogAddress: "udp://" + freeAddress(t), StatsSocket: filepath.Join(dir, "stats.sock"),
		SPOEConfigPath: filepath.Join(dir, "spoe.conf"),
	}
	w, err := Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	front := freeAddress(t)
	writeFile(t, opts.SPOEConfigPath, w.SPOEConf)
	writeFile(t, filepath.Join(dir, "haproxy.cfg"), w.Example(front, []string{app.Listener.Addr().String()}))
	startHAProxy(t, haproxy, filepath.Join(dir, "haproxy.cfg"))

	verdict := getVerdict(t, "http://"+front+"/")
	if verdict != "ok" {
		t.Errorf("X-Hapguard-Verdict = %q, want ok", verdict)
	}
	select {
	case ev := <-queue.q.Events():
		if ev.Status != http.StatusTeapot || ev.Backend != "be_app" || ev.Server != "s1" || ev.Frontend != "fe_main" ||
			ev.UniqueID.IsZero() || ev.Timings.Response < 0 {
			t.Errorf("event from HAProxy = %+v (unique-id %q)", ev, ev.UniqueID)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the SPOE server received no event")
	}
}

type spoeServer struct {
	q    *event.Queue
	addr string
}

func startSPOEServer(t *testing.T) spoeServer {
	t.Helper()
	q := event.NewQueue(64)
	srv, err := server.New(server.Config{Address: "tcp://127.0.0.1:0", Verdict: func(string, string) string { return "ok" }},
		q, nil, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	addr, err := srv.Listen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return spoeServer{q: q, addr: addr.String()}
}

func startHAProxy(t *testing.T, haproxy, cfg string) {
	t.Helper()
	cmd := exec.Command(haproxy, "-db", "-f", cfg)
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("haproxy output:\n%s", out.String())
		}
	})
}

// getVerdict retries until HAProxy answers (it needs a moment to bind),
// bounded to 50 attempts over about 5 seconds.
func getVerdict(t *testing.T, url string) string {
	t.Helper()
	client := &http.Client{Timeout: time.Second}
	var lastErr error
	for range 50 {
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode != http.StatusTeapot {
				t.Fatalf("HAProxy answered %d, want %d", resp.StatusCode, http.StatusTeapot)
			}
			return resp.Header.Get("X-Hapguard-Verdict")
		}
		lastErr = err
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("HAProxy never answered: %v", lastErr)
	return ""
}

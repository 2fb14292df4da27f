package wiring

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/server"
)

// TestLiveHAProxyTalksToTheServer runs each version's real HAProxy with the
// printed wiring (the user's file, then haproxy-hapguard.cfg) in front of a
// loopback backend and the SPOE server. A server response must carry the
// verdict for its backend/server and reach the server as an event; a 503
// HAProxy generates itself (no server) must carry its backend's verdict,
// set by the request-side message, in a backend and in a listen section.
func TestLiveHAProxyTalksToTheServer(t *testing.T) {
	for _, v := range Versions() {
		t.Run(v, func(t *testing.T) {
			haproxy := testbin.HAProxy(t, v)
			liveCheck(t, haproxy, v)
		})
	}
}

func liveCheck(t *testing.T, haproxy, version string) {
	dir := t.TempDir()
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(app.Close)
	queue := startSPOEServer(t, func(backend, srv string) string { return backend + "/" + srv })
	opts := Options{
		HAProxyVersion: version, AgentAddress: "tcp://" + queue.addr, SocketGroup: testbin.SocketGroup(t),
		SyslogAddress: "unixgram:" + filepath.Join(dir, "log.sock"), StatsSocket: filepath.Join(dir, "stats.sock"),
		SPOEConfigPath: filepath.Join(dir, "spoe.conf"),
	}
	w, err := Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	front := freeAddress(t)
	writeFile(t, opts.SPOEConfigPath, w.SPOEConf)
	listen := freeAddress(t)
	user := w.Example(front, []string{app.Listener.Addr().String()}) + "\nbackend be_empty\n" + w.Backend +
		"\nlisten li_empty\n    bind " + listen + "\n" + w.Frontend + w.Listen
	user = insertAfter(user, "    default_backend be_app\n", "    use_backend be_empty if { path_beg /none }\n")
	writeFile(t, filepath.Join(dir, "haproxy.cfg"), user)
	writeFile(t, filepath.Join(dir, ExtraFileName), w.Extra)
	testbin.RunHAProxyFile(t, haproxy, filepath.Join(dir, "haproxy.cfg"), filepath.Join(dir, ExtraFileName))

	if got := getVerdict(t, "http://"+front+"/", http.StatusTeapot); got != "be_app/s1" {
		t.Errorf("server response: X-Hapguard-Verdict = %q, want be_app/s1", got)
	}
	select {
	case ev := <-queue.q.Events():
		if ev.Status != http.StatusTeapot || ev.Backend != "be_app" || ev.Server != "s1" || ev.Frontend != "fe_main" ||
			ev.UniqueID.IsZero() || ev.Timings.Response < 0 {
			t.Errorf("event from HAProxy = %+v (unique-id %q)", ev, ev.UniqueID)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the SPOE server received no event within 5s")
	}
	if got := getVerdict(t, "http://"+front+"/none", http.StatusServiceUnavailable); got != "be_empty/" {
		t.Errorf("HAProxy's own 503: X-Hapguard-Verdict = %q, want be_empty/ (the backend's verdict)", got)
	}
	if got := getVerdict(t, "http://"+listen+"/", http.StatusServiceUnavailable); got != "li_empty/" {
		t.Errorf("HAProxy's own 503 in a listen section: X-Hapguard-Verdict = %q, want li_empty/", got)
	}
}

// insertAfter inserts add after the first occurrence of anchor in s.
func insertAfter(s, anchor, add string) string {
	for i := 0; i+len(anchor) <= len(s); i++ {
		if s[i:i+len(anchor)] == anchor {
			return s[:i+len(anchor)] + add + s[i+len(anchor):]
		}
	}
	return s
}

type spoeServer struct {
	q    *event.Queue
	addr string
}

func startSPOEServer(t *testing.T, verdict server.VerdictFunc) spoeServer {
	t.Helper()
	q := event.NewQueue(64)
	srv, err := server.New(server.Config{Address: "tcp://127.0.0.1:0", Verdict: verdict},
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

// getVerdict retries until HAProxy answers with an agent verdict (it needs
// a moment to bind and to see the agent UP), bounded to 100 attempts over
// about 10 seconds, and requires the status.
func getVerdict(t *testing.T, url string, status int) string {
	t.Helper()
	client := &http.Client{Timeout: time.Second}
	last := "no answer"
	for range 100 {
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			v := resp.Header.Get("X-Hapguard-Verdict")
			if resp.StatusCode == status && v != "" {
				return v
			}
			last = fmt.Sprintf("status %d, verdict %q", resp.StatusCode, v)
		} else {
			last = err.Error()
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("HAProxy never answered %d with a verdict: %s", status, last)
	return ""
}

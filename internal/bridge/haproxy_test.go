package bridge_test

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/hapguard/hapguard/internal/testnet"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/cli"
	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/spoe/confignote"
	"github.com/hapguard/hapguard/spoe/haproxylog"
)

// liveCase is one backend of the live configuration: a fault in the
// configuration, a loopback server that misbehaves the way that fault makes
// visible, and the anomaly the agent must raise with the configuration line
// that explains it.
type liveCase struct {
	backend string
	kind    string   // anomaly kind expected ("" = any)
	cause   string   // anomaly cause expected
	server  string   // anomaly server expected ("" = backend-wide)
	want    []string // "RULE marker": a note of that rule on the line starting with marker; empty = no note
}

func liveCases() []liveCase {
	return []liveCase{
		{backend: "be_timeout", cause: "server_timeout", want: []string{"HG402 timeout server 30"}},
		{backend: "be_dead", cause: "connection_refused", server: "s2", want: []string{"HG301 server s2", "HG512 retries 2"}},
		{backend: "be_hostcheck", kind: "no_server", want: []string{"HG304 http-check send"}},
		{backend: "be_maint", kind: "no_server", want: []string{"HG206 server s1 app.invalid"}},
		{backend: "be_app500", cause: "server_5xx"}, // the application's own 500s: no configuration line explains them
		{backend: "be_abort", cause: "server_abort", want: []string{"HG511 http-reuse aggressive"}},
	}
}

// liveConfig is the haproxy.cfg of the live test; addresses come from the
// loopback servers.
func liveConfig(dir string, syslog, feBase int, slow, refused, strict, fails, aborts string) string {
	return fmt.Sprintf(`global
    log 127.0.0.1:%[2]d local0
    stats socket %[1]s/admin.sock mode 600 level admin
    maxconn 1000

defaults
    mode http
    log global
    log-format "%[8]s"
    timeout connect 300ms
    timeout client 10s
    timeout server 5s

frontend fe_timeout
    bind 127.0.0.1:%[3]d
    default_backend be_timeout

frontend fe_dead
    bind 127.0.0.1:%[9]d
    default_backend be_dead

frontend fe_hostcheck
    bind 127.0.0.1:%[10]d
    default_backend be_hostcheck

frontend fe_maint
    bind 127.0.0.1:%[11]d
    default_backend be_maint

frontend fe_app500
    bind 127.0.0.1:%[12]d
    default_backend be_app500

frontend fe_abort
    bind 127.0.0.1:%[13]d
    default_backend be_abort

backend be_timeout
    timeout server 30
    server s1 %[4]s check

backend be_dead
    retries 2
    server s1 %[6]s check
    server s2 %[5]s

backend be_hostcheck
    option httpchk
    http-check send meth GET uri /health ver HTTP/1.1
    server s1 %[6]s check inter 200ms fall 1

backend be_maint
    server s1 app.invalid:8080 init-addr none

backend be_app500
    server s1 %[7]s check

backend be_abort
    http-reuse aggressive
    server s1 %[14]s check
`, dir, syslog, feBase, slow, refused, strict, fails, haproxylog.RecommendedLogFormat, feBase+1, feBase+2, feBase+3, feBase+4,
		feBase+5, aborts)
}

// TestLiveAnomaliesNameTheirLines runs every HAProxy LTS with a
// configuration holding one fault per backend, the agent with
// --haproxy-config on it, and traffic; each anomaly must carry the rule and
// line behind it, and the application's own errors none.
func TestLiveAnomaliesNameTheirLines(t *testing.T) {
	for _, version := range testbin.LTSVersions {
		t.Run(version, func(t *testing.T) {
			t.Parallel()
			runLive(t, testbin.HAProxy(t, version))
		})
	}
}

func runLive(t *testing.T, haproxy string) {
	dir := t.TempDir()
	slow := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(200 * time.Millisecond) // far over 30 ms
	}))
	strict := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})) // net/http answers 400 to HTTP/1.1 without Host
	fails := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) }))
	aborts := abortAfterRequest(t)
	refused := closedPort(t)
	syslog := testnet.FreeUDPPort(t)
	feBase := freePortRange(t, len(liveCases()))
	cfgText := liveConfig(dir, syslog, feBase, slow, refused, strict, fails, aborts)
	cfgPath := filepath.Join(dir, "haproxy.cfg")
	if err := os.WriteFile(cfgPath, []byte(cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	api := fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t))
	logs := startAgent(t, "--spoe-listen", "off", "--syslog-listen", fmt.Sprintf("udp://127.0.0.1:%d", syslog),
		"--haproxy-socket", filepath.Join(dir, "admin.sock"), "--poll-interval", "200ms",
		"--http-listen", api, "--haproxy-config", cfgPath)
	startHAProxy(t, haproxy, cfgPath)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	start := time.Now()
	for i := range liveCases() {
		go drive(ctx, fmt.Sprintf("http://127.0.0.1:%d/", feBase+i))
	}
	pending := map[string]liveCase{}
	for _, tc := range liveCases() {
		pending[tc.backend] = tc
	}
	for len(pending) > 0 && ctx.Err() == nil {
		time.Sleep(100 * time.Millisecond)
		for _, r := range anomalies(t, api) {
			tc, ok := pending[r.Backend]
			if !ok || !matches(tc, r) {
				continue
			}
			delete(pending, r.Backend)
			t.Logf("%s: %s %s/%s cause %s after %v; config: %v\n\tmessage: %s", r.Backend, r.Kind, r.Backend, r.Server, r.Cause,
				time.Since(start).Round(10*time.Millisecond), notes(r.Config), r.Message)
			checkNotes(t, tc, r, cfgText)
		}
	}
	for b := range pending {
		t.Errorf("%s: no anomaly of the expected kind and cause within 20 s", b)
	}
	if t.Failed() {
		t.Logf("agent log:\n%s", logs.String())
	}
}

// report is the part of an anomaly the test reads from /api/v1/anomalies.
type report struct {
	Kind, Backend, Server, Cause, Message string
	Config                                []confignote.Note
}

func matches(tc liveCase, r report) bool {
	return (tc.kind == "" || r.Kind == tc.kind) && (tc.cause == "" || r.Cause == tc.cause) &&
		(tc.server == "" || r.Server == tc.server)
}

func checkNotes(t *testing.T, tc liveCase, r report, cfgText string) {
	t.Helper()
	if len(tc.want) == 0 && len(r.Config) > 0 {
		t.Errorf("%s: cause %s has no related finding, got notes %v", tc.backend, r.Cause, notes(r.Config))
	}
	for _, w := range tc.want {
		rule, marker, _ := strings.Cut(w, " ")
		line := lineStarting(cfgText, marker)
		found := false
		for _, n := range r.Config {
			found = found || (n.Rule == rule && n.Line == line && n.File != "")
		}
		if !found {
			t.Errorf("%s: want a note %s at haproxy.cfg:%d, got %v", tc.backend, rule, line, notes(r.Config))
		}
	}
	if len(tc.want) > 0 && !strings.Contains(r.Message, "config: ") {
		t.Errorf("%s: the message does not name the line: %q", tc.backend, r.Message)
	}
}

func notes(ns []confignote.Note) []string {
	var out []string
	for _, n := range ns {
		out = append(out, fmt.Sprintf("%s@%d", n.Rule, n.Line))
	}
	return out
}

func lineStarting(text, marker string) int {
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), marker) {
			return i + 1
		}
	}
	return -1
}

// anomalies returns the active and recent anomalies of the agent's API.
func anomalies(t *testing.T, api string) []report {
	resp, err := http.Get("http://" + api + "/api/v1/anomalies")
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	var body struct{ Active, Recent []report }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Errorf("anomalies API: %v", err)
		return nil
	}
	return append(body.Active, body.Recent...)
}

// drive sends about 50 requests a second to url until ctx ends.
func drive(ctx context.Context, url string) {
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if resp, err := client.Get(url); err == nil {
				resp.Body.Close()
			}
		}
	}
}

// startAgent runs `hapguard agent args...` in-process until the test ends.
func startAgent(t *testing.T, args ...string) *testnet.SyncBuffer {
	t.Helper()
	logs := &testnet.SyncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(ctx, append([]string{"agent"}, args...), cli.Stdio{In: strings.NewReader(""), Out: logs, Err: logs})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("agent did not stop within 10 s")
		}
	})
	deadline := time.Now().Add(5 * time.Second)
	for !strings.Contains(logs.String(), "agent started") {
		select {
		case code := <-done:
			t.Fatalf("agent exited with %d:\n%s", code, logs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("agent did not start within 5 s:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return logs
}

// startHAProxy runs haproxy -db -f cfg until the test ends and waits for
// its stats socket.
func startHAProxy(t *testing.T, bin, cfg string) {
	t.Helper()
	testbin.RunHAProxyFile(t, bin, cfg)
	sock := filepath.Join(filepath.Dir(cfg), "admin.sock")
	deadline := time.Now().Add(10 * time.Second)
	for {
		if c, err := net.Dial("unix", sock); err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("haproxy did not open its stats socket within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// serve runs h on a loopback port until the test ends and returns its address.
func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return l.Addr().String()
}

// abortAfterRequest runs a loopback server that reads each request and
// closes the connection without an answer (HAProxy logs SH and answers
// 502), until the test ends.
func abortAfterRequest(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return // listener closed at the end of the test
			}
			go func() {
				defer c.Close()
				c.SetReadDeadline(time.Now().Add(2 * time.Second))
				buf := make([]byte, 4096)
				c.Read(buf)
			}()
		}
	}()
	return l.Addr().String()
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	return fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t))
}

// freePortRange returns the first of n consecutive free loopback ports.
func freePortRange(t *testing.T, n int) int {
	t.Helper()
	for range 50 {
		base := testnet.FreeTCPPort(t)
		ok := true
		for i := 1; i < n && ok; i++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", base+i))
			if err != nil {
				ok = false
				break
			}
			l.Close()
		}
		if ok {
			return base
		}
	}
	t.Fatal("no range of free ports")
	return 0
}

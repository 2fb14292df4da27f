package haproxylog

import (
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/spoe/event"
	"github.com/prometheus/client_golang/prometheus"
)

// observed is the part of an event the real-HAProxy test checks.
type observed struct {
	Kind                      event.Kind
	Frontend, Backend, Server string
	Status                    int
	Term                      string
	Cause                     string
	HasUniqueID               bool
	CheckStatus               string
}

func observe(e event.Event) observed {
	return observed{
		Kind: e.Kind, Frontend: e.Frontend, Backend: e.Backend, Server: e.Server,
		Status: e.Status, Term: strings.TrimRight(string(e.TermState[:]), "\x00"), Cause: e.Cause.String(),
		HasUniqueID: !e.UniqueID.IsZero(), CheckStatus: e.CheckStatus,
	}
}

// wantedFaults are the transactions each fault must produce, per frontend.
func wantedFaults(frontend string, withID bool) []observed {
	w := func(backend, server string, status int, term, cause string) observed {
		return observed{Kind: event.KindResponse, Frontend: frontend, Backend: backend,
			Server: server, Status: status, Term: term, Cause: cause, HasUniqueID: withID}
	}
	return []observed{
		w("be_ok", "s_ok", 200, "--", "none"),
		w("be_error", "s_err", 500, "--", "server_5xx"),
		w("be_garbage", "s_garbage", 502, "PH", "invalid_response"),
		w("be_abort", "s_abort", 502, "SH", "server_abort"),
		w("be_hang", "s_hang", 504, "sH", "server_timeout"),
		w("be_refuse", "s_refuse", 503, "SC", "connection_refused"),
		w("be_queue", "<NOSRV>", 503, "sQ", "queue_timeout"),
		w("be_nosrv", "<NOSRV>", 503, "SC", "no_server"),
	}
}

// wantedStates are the server state messages the down server produces.
var wantedStates = []observed{
	{Kind: event.KindServerState, Backend: "be_nosrv", Server: "s_down", Cause: "server_down", CheckStatus: "L4CON"},
	{Kind: event.KindServerState, Backend: "be_nosrv", Cause: "no_server_up"},
}

func TestRealHAProxyFaultsAreParsedInEveryFraming(t *testing.T) {
	bin := requireHAProxy(t)
	framings := []string{"local", "rfc3164", "rfc5424", "priority", "short", "timed", "iso", "raw"}
	inputs := make(map[string]*testInput, len(framings))
	for _, f := range framings {
		addr := "udp://127.0.0.1:0"
		if f == "raw" {
			addr = "unixgram:" + filepath.Join(t.TempDir(), "log.sock")
		}
		inputs[f] = startTestInput(t, addr)
	}
	ports := faultPorts(t)
	for _, f := range framings {
		ports.Logs = append(ports.Logs, logTarget{f, hostPort(inputs[f].listener.Addr())})
	}
	startHAProxy(t, bin, ports)

	waitForEvent(t, inputs["local"].sink, wantedStates[1])
	driveFaults(t, "http://"+ports.StdBind)
	driveFaults(t, "http://"+ports.RecBind)
	driveTCP(t, ports.TCPBind)

	want := append(wantedFaults("fe_std", false), wantedFaults("fe_rec", true)...)
	want = append(want, wantedStates...)
	for _, f := range framings {
		in := inputs[f]
		missing := waitForAll(in.sink, want, 10*time.Second)
		if diff := cmp.Diff([]observed(nil), missing); diff != "" {
			t.Errorf("%s framing: missing events (-none +missing):\n%s\nseen: %v", f, diff, in.sink.observed())
		}
		if n := counterValue(t, in.reg, linesTotal, "unparsable"); n != 0 {
			t.Errorf("%s framing: %v unparsable lines from a real HAProxy", f, n)
		}
		if n := waitForCounter(t, in.reg, linesTotal, "tcp", 1, 10*time.Second); n < 1 {
			t.Errorf("%s framing: tcplog line not recognised (tcp lines = %v)", f, n)
		}
	}
}

// faultPorts prepares the misbehaving backends and HAProxy's addresses.
func faultPorts(t *testing.T) haproxyPorts {
	return haproxyPorts{
		StdBind: freeTCPAddr(t), RecBind: freeTCPAddr(t), TCPBind: freeTCPAddr(t),
		OK: startBackend(t, answer(okResponse)), Error: startBackend(t, answer(errorResponse)),
		Garbage: startBackend(t, answer(garbageResponse)), Abort: startBackend(t, abortBeforeHeaders),
		Hang: startBackend(t, hang), Refused: closedAddr(t),
		UniqueIDFormat: RecommendedUniqueIDFormat, LogFormat: haproxyLogFormat(),
	}
}

// driveFaults sends one request per fault; /queue gets two at once so that
// the second waits behind the first in the server queue.
func driveFaults(t *testing.T, base string) {
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	get := func(path string) {
		resp, err := client.Get(base + path)
		if err != nil {
			t.Errorf("GET %s: %v", path, err)
			return
		}
		resp.Body.Close()
	}
	for _, path := range []string{"/ok", "/error", "/garbage", "/abort", "/hang", "/refuse", "/nosrv"} {
		get(path)
	}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() { get("/queue") })
	}
	wg.Wait()
}

// driveTCP sends one request through the tcplog proxy.
func driveTCP(t *testing.T, addr string) {
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get("http://" + addr + "/")
	if err != nil {
		t.Errorf("GET through tcp proxy: %v", err)
		return
	}
	resp.Body.Close()
}

// waitForEvent waits (bounded) until the sink has seen want.
func waitForEvent(t *testing.T, sink *recordingSink, want observed) {
	t.Helper()
	if missing := waitForAll(sink, []observed{want}, 10*time.Second); len(missing) > 0 {
		t.Fatalf("never saw %+v; seen: %v", want, sink.observed())
	}
}

// waitForAll polls the sink until every wanted observation was seen or the
// timeout passes, and returns the ones still missing.
func waitForAll(sink *recordingSink, want []observed, timeout time.Duration) []observed {
	deadline := time.Now().Add(timeout)
	for {
		seen := make(map[observed]bool)
		for _, o := range sink.observed() {
			seen[o] = true
		}
		var missing []observed
		for _, w := range want {
			if !seen[w] {
				missing = append(missing, w)
			}
		}
		if len(missing) == 0 || time.Now().After(deadline) {
			return missing
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitForCounter polls a counter (the child with kind=label, if given) until
// it reaches at least want or the timeout passes, and returns its last value.
func waitForCounter(t *testing.T, reg *prometheus.Registry, name, kind string, want float64, timeout time.Duration) float64 {
	deadline := time.Now().Add(timeout)
	for {
		n := counterValue(t, reg, name, kind)
		if n >= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// linesTotal is the name of the per-kind line counter.
const linesTotal = "hapguard_agent_log_lines_total"

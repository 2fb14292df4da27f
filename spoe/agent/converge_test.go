package agent

import (
	"fmt"
	"github.com/hapguard/hapguard/internal/testnet"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/spoe/agent/internal/backendpool"
	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// reloadStack is HAProxy in master-worker mode (-W) with the printed
// wiring, reloaded with SIGUSR2 after its configuration file is rewritten,
// and the agent in-process with all three inputs.
type reloadStack struct {
	pool     *backendpool.Pool
	wiring   wiring.Wiring
	dir      string
	feAddr   string
	deadAddr string
	haproxy  *haproxyProcess
	api      string
	logs     *testnet.SyncBuffer
	// backendDefaults are the timeouts, retries and default-server line
	// of be_app.
	backendDefaults string
	global          string // extra global lines
}

// testBackendDefaults are the fast checks the other integration tests use.
var testBackendDefaults = fmt.Sprintf("    timeout connect 300ms\n    timeout server %dms\n    retries 1\n    default-server check inter 200ms fall 2 rise 2\n",
	testTimeoutServer.Milliseconds())

// wiringFor renders the wiring of an HAProxy branch, with the newest
// supported version's wiring for a branch the printer does not know yet.
func wiringFor(t *testing.T, branch string, o wiring.Options) wiring.Wiring {
	t.Helper()
	o.HAProxyVersion = branch
	if !slices.Contains(wiring.Versions(), branch) {
		o.HAProxyVersion = wiring.Versions()[len(wiring.Versions())-1]
	}
	w, err := wiring.Render(o)
	if err != nil {
		t.Fatalf("wiring: %v", err)
	}
	return w
}

func startReloadStack(t *testing.T, branch string, cfg Config, backendDefaults string) *reloadStack {
	t.Helper()
	return startReloadStackWith(t, branch, cfg, reloadOptions{backendDefaults: backendDefaults, slow: testSlowDelay, dead: true})
}

// reloadOptions shape a reloadStack: be_app's defaults, the pool's slow
// delay, extra global lines (e.g. a second log target), and whether the
// configuration starts with be_dead.
type reloadOptions struct {
	backendDefaults string
	slow            time.Duration
	global          string
	dead            bool
}

func startReloadStackWith(t *testing.T, branch string, cfg Config, o reloadOptions) *reloadStack {
	t.Helper()
	bin := testbin.HAProxy(t, branch)
	dir := t.TempDir()
	pool, err := backendpool.New([]string{"s1", "s2"}, o.slow)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	rs := &reloadStack{pool: pool, dir: dir, logs: &testnet.SyncBuffer{}, backendDefaults: o.backendDefaults, global: o.global,
		feAddr: fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t)), deadAddr: fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t))}
	rs.wiring = wiringFor(t, branch, wiring.Options{AgentAddress: cfg.SPOEListen, SyslogAddress: cfg.SyslogListen,
		StatsSocket: cfg.HAProxySocket, SPOEConfigPath: filepath.Join(dir, "spoe-hapguard.conf"), SocketGroup: testbin.SocketGroup(t)})
	runAgent(t, cfg, rs.logs)
	rs.api = "http://" + cfg.HTTPListen
	rs.write(t, true, o.dead)
	rs.haproxy = startHAProxyWith(t, bin, dir, rs.feAddr, "-W", "-db")
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("agent log:\n%s", rs.logs.String())
		}
	})
	return rs
}

// write puts haproxy.cfg in place: be_app with s2, and s1 when withS1;
// be_dead (one server on a closed port) when withDead.
func (rs *reloadStack) write(t *testing.T, withS1, withDead bool) {
	t.Helper()
	var b strings.Builder
	b.WriteString("global\n" + rs.wiring.Global + rs.global + "    maxconn 1024\n\n")
	b.WriteString("defaults\n    mode http\n    log global\n    timeout connect 300ms\n    timeout client 10s\n    timeout server 10s\n\n")
	b.WriteString("frontend fe_main\n    bind " + rs.feAddr + "\n" + rs.wiring.Frontend)
	if withDead {
		b.WriteString("    use_backend be_dead if { path_beg /dead }\n")
	}
	b.WriteString("    default_backend be_app\n\n")
	b.WriteString("backend be_app\n    balance roundrobin\n" + rs.backendDefaults + rs.wiring.Backend)
	for _, s := range rs.pool.Servers() {
		if s.Name() != "s1" || withS1 {
			fmt.Fprintf(&b, "    server %s %s\n", s.Name(), s.Addr())
		}
	}
	if withDead {
		b.WriteString("\nbackend be_dead\n    server d1 " + rs.deadAddr + " check inter 200ms fall 2 rise 2\n")
	}
	files := map[string]string{"haproxy.cfg": b.String(), "spoe-hapguard.conf": rs.wiring.SPOEConf,
		wiring.ExtraFileName: rs.wiring.Extra}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(rs.dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// reload rewrites the configuration and has the master reload it.
func (rs *reloadStack) reload(t *testing.T, withS1, withDead bool) {
	t.Helper()
	rs.write(t, withS1, withDead)
	if err := rs.haproxy.cmd.Process.Signal(syscall.SIGUSR2); err != nil {
		t.Fatalf("reload: %v", err)
	}
}

// TestReloadConverges reproduces the stuck anomalies of a reload (every LTS branch): a DOWN
// server and a DOWN backend removed from the configuration resolve, saying
// why, and the server added back healthy carries no verdict and raises
// nothing.
func TestReloadConverges(t *testing.T) {
	for _, branch := range testbin.LTSVersions {
		t.Run(branch, func(t *testing.T) { t.Parallel(); testReloadConverges(t, branch) })
	}
}

func testReloadConverges(t *testing.T, branch string) {
	am := &fakeAlertmanager{}
	amServer := httptest.NewServer(am)
	t.Cleanup(amServer.Close)
	cfg := stackAgentConfig(t, t.TempDir())
	cfg.AlertmanagerURL = amServer.URL
	rs := startReloadStack(t, branch, cfg, testBackendDefaults)
	setMode(t, &stack{pool: rs.pool}, "s1", backendpool.Refuse)
	for _, want := range []reportMatch{ofKind("server_down", forServer("be_app", "s1")), ofKind("no_server", forServer("be_dead", ""))} {
		if _, _, ok := waitFor(t, rs.api, false, 10*time.Second, want); !ok {
			body, _ := getAnomalies(rs.api)
			t.Fatalf("the faults were not detected within 10s; active %+v", body.Active)
		}
	}

	removedAt := time.Now()
	rs.reload(t, false, false)
	for _, want := range []reportMatch{ofKind("server_down", forServer("be_app", "s1")), ofKind("no_server", forServer("be_dead", ""))} {
		r, seenAt, ok := waitFor(t, rs.api, true, 10*time.Second, want)
		if !ok {
			body, _ := getAnomalies(rs.api)
			t.Fatalf("not resolved within 10s of the reload; active %+v", body.Active)
		}
		t.Logf("resolved %v after the reload: %s", seenAt.Sub(removedAt).Round(time.Millisecond), r.Message)
		if !strings.Contains(r.Message, "no longer in HAProxy's configuration") {
			t.Errorf("resolved message %q does not say the key left the configuration", r.Message)
		}
	}
	waitQuiet(t, &stack{api: rs.api}, 5*time.Second)
	time.Sleep(2 * time.Second) // the resolution is pushed, and nothing fires again
	if endsAt, ok := am.lastEndsAt("server_down", "be_app", "s1"); !ok || !endsAt.Before(time.Now()) {
		t.Errorf("Alertmanager's last server_down s1 ends at %v (seen %v); want it resolved (endsAt in the past)", endsAt, ok)
	}

	setMode(t, &stack{pool: rs.pool}, "s1", backendpool.Healthy)
	rs.reload(t, true, false)
	time.Sleep(2 * time.Second) // rise 2 at inter 200ms, and a few polls
	verdicts := map[string]int{}
	client := &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for range 40 {
		resp, err := client.Get("http://" + rs.feAddr + "/")
		if err != nil {
			t.Fatalf("request after re-adding s1: %v", err)
		}
		resp.Body.Close()
		verdicts[resp.Header.Get("X-Backend-Server")+" "+resp.Status+" verdict="+resp.Header.Get("X-Hapguard-Verdict")]++
	}
	t.Logf("responses after re-adding s1: %v", verdicts)
	for k := range verdicts {
		if strings.Contains(k, "server_down") || !strings.Contains(k, "200") {
			t.Errorf("response %q after s1 came back healthy", k)
		}
	}
	body, err := getAnomalies(rs.api)
	if err != nil {
		t.Fatal(err)
	}
	if len(body.Active) != 0 {
		t.Errorf("active after s1 came back: %+v", body.Active)
	}
}

// TestAgentRestartRaisesNothingAboutItself: the agent is killed, stays
// away long enough for HAProxy to mark its backend DOWN (more than 4s with
// the printed check), and starts again: nothing is raised about its own
// backend, neither from the runtime API nor from the log's DOWN notices.
func TestAgentRestartRaisesNothingAboutItself(t *testing.T) {
	st := startStack(t, "2.6", true, "s1", "s2")
	tr := startTraffic(st.frontend, 50, time.Minute)
	defer tr.finish()
	if err := st.child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("kill agent: %v", err)
	}
	killedAt := time.Now()
	waitAgentDown(t, st.agent.HAProxySocket, 10*time.Second)
	time.Sleep(time.Until(killedAt.Add(5 * time.Second)))
	logs := &testnet.SyncBuffer{}
	startChildAgent(t, st.agent, logs)
	upAt := waitAgentState(t, st.agent.HAProxySocket, event.StateUp, 15*time.Second)
	t.Logf("HAProxy saw the agent UP again %v after the kill", upAt.Sub(killedAt).Round(time.Millisecond))
	time.Sleep(3 * time.Second) // a few polls and ticks after the recovery
	body, err := getAnomalies(st.api)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range append(body.Active, body.Recent...) {
		if r.Backend == wiring.AgentsBackend {
			t.Errorf("anomaly about the agent's own backend: %+v", r)
		}
	}
	if strings.Contains(logs.String(), wiring.AgentsBackend) {
		t.Errorf("the restarted agent logged about its own backend:\n%s", logs.String())
	}
}

// lastEndsAt returns the endsAt of the latest alert posted for kind on
// backend/server.
func (f *fakeAlertmanager) lastEndsAt(kind, backend, server string) (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.alerts) - 1; i >= 0; i-- {
		l, _ := f.alerts[i]["labels"].(map[string]any)
		if l["kind"] == kind && l["backend"] == backend && l["server"] == server {
			s, _ := f.alerts[i]["endsAt"].(string)
			at, err := time.Parse(time.RFC3339Nano, s)
			return at, err == nil
		}
	}
	return time.Time{}, false
}

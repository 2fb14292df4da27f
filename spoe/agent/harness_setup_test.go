package agent

import (
	"fmt"
	"github.com/hapguard/hapguard/internal/testnet"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/spoe/agent/internal/backendpool"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// Timeouts of the test HAProxy: short, so that every fault shows within a
// second and the suite stays quick.
const (
	testTimeoutServer  = 400 * time.Millisecond
	testSlowDelay      = 250 * time.Millisecond
	testResolveAfter   = 2 * time.Second
	testRequestsPerSec = 200
)

// stack is one HAProxy with the printed wiring, the agent in-process with
// all three inputs, and a pool of loopback servers behind backend be_app.
type stack struct {
	pool      *backendpool.Pool
	haproxy   *haproxyProcess
	agent     Config
	logs      *testnet.SyncBuffer
	stopAgent func() error // in-process agent; nil for a child process
	child     *exec.Cmd    // agent process; nil for an in-process agent
	frontend  string       // http://127.0.0.1:port/
	api       string       // http://127.0.0.1:port
}

// startStack starts the pool, the agent (in-process, or as a separate
// process when child is set) and HAProxy, in that order.
func startStack(t *testing.T, version string, child bool, servers ...string) *stack {
	t.Helper()
	return startStackWith(t, version, child, func(*Config) {}, servers...)
}

// startStackWith is startStack with the agent's configuration adjusted by
// configure before anything starts.
func startStackWith(t *testing.T, version string, child bool, configure func(*Config), servers ...string) *stack {
	t.Helper()
	bin := testbin.HAProxy(t, version)
	dir := t.TempDir()
	pool, err := backendpool.New(servers, testSlowDelay)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := &stack{pool: pool, logs: &testnet.SyncBuffer{}}
	st.agent = stackAgentConfig(t, dir)
	configure(&st.agent)
	w, err := wiring.Render(wiring.Options{
		HAProxyVersion: version, AgentAddress: st.agent.SPOEListen, SyslogAddress: st.agent.SyslogListen,
		StatsSocket: st.agent.HAProxySocket, SPOEConfigPath: filepath.Join(dir, "spoe-hapguard.conf"),
		SocketGroup: testbin.SocketGroup(t),
	})
	if err != nil {
		t.Fatalf("wiring: %v", err)
	}
	if child {
		st.child = startChildAgent(t, st.agent, st.logs)
	} else {
		st.stopAgent = runAgent(t, st.agent, st.logs)
	}
	feAddr := fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t))
	files := map[string]string{"haproxy.cfg": stackHAProxyConfig(w, feAddr, pool), "spoe-hapguard.conf": w.SPOEConf,
		wiring.ExtraFileName: w.Extra}
	st.haproxy = startHAProxy(t, bin, dir, files, feAddr)
	st.frontend, st.api = "http://"+feAddr+"/", "http://"+st.agent.HTTPListen
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("agent log:\n%s", st.logs.String())
		}
	})
	return st
}

func stackAgentConfig(t *testing.T, dir string) Config {
	cfg := DefaultConfig()
	cfg.SPOEListen = fmt.Sprintf("tcp://127.0.0.1:%d", testnet.FreeTCPPort(t))
	cfg.SyslogListen = "unixgram://" + filepath.Join(dir, "log.sock")
	cfg.HAProxySocket = filepath.Join(dir, "admin.sock")
	cfg.PollInterval = 200 * time.Millisecond
	cfg.HTTPListen = fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t))
	cfg.ShutdownTimeout = 2 * time.Second
	cfg.Detection.ResolveAfter = testResolveAfter
	return cfg
}

// stackHAProxyConfig is the user's haproxy.cfg, loaded before the wiring's
// haproxy-hapguard.cfg: the printed lines (the very text
// print-haproxy-config prints) in global, one frontend and be_app.
func stackHAProxyConfig(w wiring.Wiring, feAddr string, pool *backendpool.Pool) string {
	var b strings.Builder
	b.WriteString("global\n    maxconn 4096\n" + w.Global + "\n")
	fmt.Fprintf(&b, "defaults\n    mode http\n    timeout connect 300ms\n    timeout client 10s\n    timeout server %dms\n    retries 1\n\n",
		testTimeoutServer.Milliseconds())
	b.WriteString("frontend fe_main\n    bind " + feAddr + "\n    default_backend be_app\n" + w.Frontend + spoeWaitHeader + "\n")
	b.WriteString("backend be_app\n    balance roundrobin\n    default-server " + serverCheck() + "\n" + w.Backend + spoeWaitVars)
	for _, s := range pool.Servers() {
		fmt.Fprintf(&b, "    server %s %s\n", s.Name(), s.Addr())
	}
	return b.String()
}

// spoeWaitVars and spoeWaitHeader report, on every response, how long the
// request waited for the agent as HAProxy measured it (the SPOE engine's
// process_time, in ms, of the request-side and of the response event), so
// that the tests count what the agent costs apart from a busy machine.
const (
	spoeWaitVars = "    http-request set-var(txn.test_req_wait) var(txn.hapguard.process_time)\n" +
		"    http-request unset-var(txn.hapguard.process_time)\n" +
		"    http-response set-var(txn.test_res_wait) var(txn.hapguard.process_time)\n"
	spoeWaitHeader = "    http-after-response set-header X-Test-Spoe-Wait \"%[var(txn.test_req_wait)]/%[var(txn.test_res_wait)]\"\n"
)

// testServerCheck is the health checking of the test's servers: faster than
// HAProxy's default (inter 2s fall 3 rise 2), so that DOWN/UP transitions
// show within a second. The README's detection figures state it.
const testServerCheck = "check inter 200ms fall 2 rise 2"

// serverCheckEnv overrides testServerCheck, to measure the detection delays
// with other health checking (e.g. a plain "check"); the 2-second bound of
// the acceptance test holds for testServerCheck only.
const serverCheckEnv = "HAPGUARD_TEST_SERVER_CHECK"

func serverCheck() string {
	if c := os.Getenv(serverCheckEnv); c != "" {
		return c
	}
	return testServerCheck
}

// parallelVersions is how many versions a test drives at once: each drives
// ~200 requests/s through its own HAProxy, and on a 2-core machine more
// than two at once starve each other's timing.
const parallelVersions = 2

// acceptanceVersions are the versions the full fault sequence runs on: the
// oldest LTS (Debian's 2.6), the one where SPOE changed most (3.0, the last
// before the 3.1 rewrite) and the newest (3.4). Each costs about a minute of
// the CI run's fifteen; the shorter tests (reloads, fast detection, a dead
// agent's cost) still run on every LTS.
var acceptanceVersions = []string{"2.6", "3.0", "3.4"}

// forEachVersion runs f as one subtest per version, at most
// parallelVersions at a time.
func forEachVersion(t *testing.T, versions []string, f func(t *testing.T, version string)) {
	slots := make(chan struct{}, parallelVersions)
	for _, v := range versions {
		t.Run(v, func(t *testing.T) {
			t.Parallel()
			slots <- struct{}{}
			defer func() { <-slots }()
			f(t, v)
		})
	}
}

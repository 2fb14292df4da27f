package agent

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	logs      *syncBuffer
	stopAgent func() error // in-process agent; nil for a child process
	child     *exec.Cmd    // agent process; nil for an in-process agent
	frontend  string       // http://127.0.0.1:port/
	api       string       // http://127.0.0.1:port
}

// startStack starts the pool, the agent (in-process, or as a separate
// process when child is set) and HAProxy, in that order.
func startStack(t *testing.T, child bool, servers ...string) *stack {
	t.Helper()
	haproxyBinary(t)
	dir := t.TempDir()
	pool, err := backendpool.New(servers, testSlowDelay)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := &stack{pool: pool, logs: &syncBuffer{}}
	st.agent = stackAgentConfig(t, dir)
	w, err := wiring.Render(wiring.Options{
		HAProxyVersion: "2.6", AgentAddress: st.agent.SPOEListen, SyslogAddress: st.agent.SyslogListen,
		StatsSocket: st.agent.HAProxySocket, SPOEConfigPath: filepath.Join(dir, "spoe-hapguard.conf"),
	})
	if err != nil {
		t.Fatalf("wiring: %v", err)
	}
	if child {
		st.child = startChildAgent(t, st.agent, st.logs)
	} else {
		st.stopAgent = runAgent(t, st.agent, st.logs)
	}
	feAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
	files := map[string]string{"haproxy.cfg": stackHAProxyConfig(w, feAddr, pool), "spoe-hapguard.conf": w.SPOEConf}
	st.haproxy = startHAProxy(t, dir, files, feAddr)
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
	cfg.SPOEListen = fmt.Sprintf("tcp://127.0.0.1:%d", freePort(t))
	cfg.SyslogListen = fmt.Sprintf("udp://127.0.0.1:%d", freeUDPPort(t))
	cfg.HAProxySocket = filepath.Join(dir, "admin.sock")
	cfg.PollInterval = 200 * time.Millisecond
	cfg.HTTPListen = fmt.Sprintf("127.0.0.1:%d", freePort(t))
	cfg.ShutdownTimeout = 2 * time.Second
	cfg.Detection.ResolveAfter = testResolveAfter
	return cfg
}

// stackHAProxyConfig is a complete haproxy.cfg: the wiring's parts (the
// very text print-haproxy-config prints) around one frontend and be_app.
func stackHAProxyConfig(w wiring.Wiring, feAddr string, pool *backendpool.Pool) string {
	var b strings.Builder
	b.WriteString("global\n" + w.Global + "    maxconn 4096\n\n")
	fmt.Fprintf(&b, "defaults\n    mode http\n    timeout connect 300ms\n    timeout client 10s\n    timeout server %dms\n    retries 1\n%s\n",
		testTimeoutServer.Milliseconds(), w.Defaults)
	b.WriteString("frontend fe_main\n    bind " + feAddr + "\n    default_backend be_app\n" + w.Frontend + "\n")
	b.WriteString("backend be_app\n    balance roundrobin\n    default-server check inter 200ms fall 2 rise 2\n")
	for _, s := range pool.Servers() {
		fmt.Fprintf(&b, "    server %s %s\n", s.Name(), s.Addr())
	}
	b.WriteString("\n" + w.Backend)
	return b.String()
}

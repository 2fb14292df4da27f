package agent

import (
	"fmt"
	"github.com/hapguard/hapguard/internal/testnet"
	"io"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/hapguard/hapguard/spoe/agent/internal/backendpool"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// TestTheUnitsUsersReachEachOther runs the two processes as the shipped
// units do: HAProxy started as root with "user haproxy" in its global
// section (Debian's haproxy.service), the agent as user and group haproxy
// (contrib/hapguard-agent.service), its unix sockets in a directory the
// haproxy user owns (the unit's RuntimeDirectory). With the printed
// wiring, the agent must read the stats socket HAProxy created as root,
// and receive HAProxy's log stream on its unix datagram socket.
func TestTheUnitsUsersReachEachOther(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: HAProxy starts as root and drops to user haproxy, as under systemd")
	}
	uid, gid := haproxyUser(t)
	dir := sharedDir(t, 0o755)
	run := filepath.Join(dir, "run") // the agent unit's RuntimeDirectory, owned by its user
	if err := os.Mkdir(run, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(run, uid, gid); err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.SPOEListen = fmt.Sprintf("tcp://127.0.0.1:%d", testnet.FreeTCPPort(t))
	cfg.SyslogListen = "unixgram://" + filepath.Join(run, "log.sock")
	cfg.HAProxySocket = filepath.Join(dir, "hapguard.sock")
	cfg.HTTPListen = fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t))
	cfg.PollInterval = 200 * time.Millisecond
	logs := &testnet.SyncBuffer{}
	startAgentAs(t, dir, cfg, uid, gid, logs)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("agent log:\n%s", logs.String())
		}
	})

	pool, err := backendpool.New([]string{"s1"}, testSlowDelay)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	w, err := wiring.Render(wiring.Options{HAProxyVersion: "2.6", AgentAddress: cfg.SPOEListen,
		SyslogAddress: cfg.SyslogListen, StatsSocket: cfg.HAProxySocket, SPOEConfigPath: filepath.Join(dir, "spoe-hapguard.conf")})
	if err != nil {
		t.Fatal(err)
	}
	feAddr := fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t))
	userCfg := stackHAProxyConfig(w, feAddr, pool)
	userCfg = strings.Replace(userCfg, "global\n", "global\n    user haproxy\n    group haproxy\n", 1)
	files := map[string]string{"haproxy.cfg": userCfg, "spoe-hapguard.conf": w.SPOEConf, wiring.ExtraFileName: w.Extra}
	startHAProxy(t, haproxyBinary(t), dir, files, feAddr)
	api := "http://" + cfg.HTTPListen
	// Polls before HAProxy created its socket failed; none may fail now.
	errorsBefore := metricSum(t, api, "hapguard_agent_runtime_poll_errors_total")
	pollsBefore := metricSum(t, api, "hapguard_agent_runtime_polls_total")
	tr := startTraffic("http://"+feAddr+"/", 50, 30*time.Second)
	defer tr.finish()

	for _, m := range []string{
		`hapguard_agent_responses_total{backend="be_app",class="2xx",server="s1",source="log"}`,
		`hapguard_agent_responses_total{backend="be_app",class="2xx",server="s1",source="spoe"}`,
	} {
		waitMetric(t, api, m, 10*time.Second)
	}
	waitValue(t, func() float64 { return metricSum(t, api, "hapguard_agent_runtime_polls_total") }, pollsBefore+5, 10*time.Second, "runtime API polls")
	if n := metricSum(t, api, "hapguard_agent_runtime_poll_errors_total") - errorsBefore; n > 0 {
		t.Errorf("%v stats socket polls failed as user haproxy once HAProxy ran", n)
	}
	st, err := os.Stat(cfg.HAProxySocket)
	if err != nil {
		t.Fatal(err)
	}
	sys := st.Sys().(*syscall.Stat_t)
	t.Logf("stats socket %s: mode %v, owner %d:%d; the agent runs as %d:%d", cfg.HAProxySocket, st.Mode().Perm(), sys.Uid, sys.Gid, uid, gid)
}

// haproxyUser returns the ids of user haproxy (Debian's haproxy package
// creates it; .ci/run installs the package).
func haproxyUser(t *testing.T) (uid, gid int) {
	t.Helper()
	u, err := user.Lookup("haproxy")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("user haproxy is required in CI (apt-get install haproxy): %v", err)
		}
		t.Skipf("no user haproxy (apt-get install haproxy): %v", err)
	}
	uid, _ = strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	return uid, gid
}

// sharedDir is a fresh directory other users can traverse (t.TempDir's
// parent is private to root), removed at cleanup.
func sharedDir(t *testing.T, mode os.FileMode) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "hapguard-users-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
	return dir
}

// startAgentAs runs the agent (this test binary, copied where the user can
// execute it) as uid:gid with cfg, and waits for its HTTP API.
func startAgentAs(t *testing.T, dir string, cfg Config, uid, gid int, logs *testnet.SyncBuffer) {
	t.Helper()
	bin := filepath.Join(dir, "agent")
	copyFile(t, os.Args[0], bin, 0o755)
	data, err := yaml.Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	conf := filepath.Join(dir, "agent.yaml")
	if err := os.WriteFile(conf, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), childConfigEnv+"="+conf)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), Groups: []uint32{uint32(gid)}}}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start agent as %d:%d: %v", uid, gid, err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	waitMetric(t, "http://"+cfg.HTTPListen, "hapguard_agent_queue_events", 10*time.Second)
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

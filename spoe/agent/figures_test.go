package agent

import (
	"fmt"
	"math"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/agent/internal/backendpool"
)

// haproxyLog receives a copy of HAProxy's log stream (a second `log`
// target) and keeps, per line, when it arrived, the server and %Tr.
type haproxyLog struct {
	conn  net.PacketConn
	mu    sync.Mutex
	lines []logLine
}

type logLine struct {
	at     time.Time
	server string // "be_app/s1", "be_app/<NOSRV>"
	tr     time.Duration
	status int
}

func listenHAProxyLog(t *testing.T) *haproxyLog {
	t.Helper()
	c, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := &haproxyLog{conn: c}
	t.Cleanup(func() { c.Close() })
	go l.read()
	return l
}

// read parses the printed log-format: "... %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST ...".
func (l *haproxyLog) read() {
	buf := make([]byte, 64<<10)
	for {
		n, _, err := l.conn.ReadFrom(buf)
		if err != nil {
			return
		}
		f := strings.Fields(string(buf[:n]))
		for i := 0; i+2 < len(f); i++ {
			timers := strings.Split(f[i+1], "/")
			if !strings.HasPrefix(f[i], "be_app/") || len(timers) != 5 {
				continue
			}
			tr, _ := strconv.Atoi(timers[3])
			status, _ := strconv.Atoi(f[i+2])
			l.mu.Lock()
			l.lines = append(l.lines, logLine{time.Now(), f[i], time.Duration(tr) * time.Millisecond, status})
			l.mu.Unlock()
			break
		}
	}
}

// find returns the lines of server (e.g. "be_app/s1") that arrived in
// [from, to).
func (l *haproxyLog) find(server string, from, to time.Time) []logLine {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []logLine
	for _, x := range l.lines {
		if x.server == server && !x.at.Before(from) && x.at.Before(to) {
			out = append(out, x)
		}
	}
	return out
}

// TestFiguresMatchHAProxy compares the figures of the agent's messages with
// HAProxy's own log on the same traffic: the p95 latency of a slow server
// with the p95 of its %Tr, and a total outage's <NOSRV> count with the
// <NOSRV> lines, each within 5%.
func TestFiguresMatchHAProxy(t *testing.T) {
	for _, branch := range []string{"2.6", "3.4"} {
		t.Run(branch, func(t *testing.T) { t.Parallel(); testFiguresMatchHAProxy(t, branch) })
	}
}

func testFiguresMatchHAProxy(t *testing.T, branch string) {
	hlog := listenHAProxyLog(t)
	cfg := stackAgentConfig(t, t.TempDir())
	global := fmt.Sprintf("    log %s local1\n", hlog.conn.LocalAddr())
	rs := startReloadStackWith(t, branch, cfg, reloadOptions{backendDefaults: testBackendDefaults, slow: 300 * time.Millisecond, global: global})
	tr := startTraffic("http://"+rs.feAddr+"/", 100, 2*time.Minute)
	defer tr.finish()
	time.Sleep(10 * time.Second) // latency baselines learn from clean windows (LatencyWarmup 5s)

	onset := time.Now()
	setMode(t, &stack{pool: rs.pool}, "s1", backendpool.Slow)
	if _, _, ok := waitFor(t, rs.api, false, 8*time.Second, ofKind("latency_spike", forServer("be_app", "s1"))); !ok {
		t.Fatal("no latency_spike for s1 within 8s")
	}
	time.Sleep(time.Until(onset.Add(9 * time.Second))) // the window holds slow responses only
	r, readAt, _ := waitFor(t, rs.api, false, time.Second, ofKind("latency_spike", forServer("be_app", "s1")))
	lines := hlog.find("be_app/s1", readAt.Add(-5*time.Second), readAt)
	want := p95(lines)
	t.Logf("HAProxy %s: message p95 %v; HAProxy's Tr over the same 5s: p95 %v, max %v, %d lines: %s",
		branch, secondsOf(r.Observed), want, maxTr(lines), len(lines), r.Message)
	if rel := math.Abs(secondsOf(r.Observed).Seconds()-want.Seconds()) / want.Seconds(); rel > 0.05 || len(lines) < 20 {
		t.Errorf("message p95 %v vs HAProxy's %v: off by %.1f%% (want within 5%%, over at least 20 lines)", secondsOf(r.Observed), want, rel*100)
	}
	setMode(t, &stack{pool: rs.pool}, "s1", backendpool.Healthy)
	waitQuiet(t, &stack{api: rs.api}, 20*time.Second)

	setMode(t, &stack{pool: rs.pool}, "", backendpool.Refuse)
	time.Sleep(5 * time.Second)
	setMode(t, &stack{pool: rs.pool}, "", backendpool.Healthy)
	r, _, ok := waitFor(t, rs.api, true, 15*time.Second, ofKind("no_server", forServer("be_app", "")))
	if !ok {
		t.Fatal("no_server not resolved within 15s of the recovery")
	}
	m := regexp.MustCompile(`(\d+) of them <NOSRV>`).FindStringSubmatch(r.Message)
	logged := len(hlog.find("be_app/<NOSRV>", onset, time.Now()))
	t.Logf("HAProxy %s: %d <NOSRV> lines in HAProxy's log; resolved: %s", branch, logged, r.Message)
	if m == nil {
		t.Fatalf("resolved no_server message %q gives no <NOSRV> count", r.Message)
	}
	got, _ := strconv.Atoi(m[1])
	if logged == 0 || math.Abs(float64(got-logged))/float64(logged) > 0.05 {
		t.Errorf("message counts %d <NOSRV>, HAProxy logged %d: want within 5%%", got, logged)
	}
}

func secondsOf(v float64) time.Duration { return time.Duration(v * float64(time.Second)) }

// p95 returns the sample of rank ceil(0.95 n) of the lines' %Tr.
func p95(lines []logLine) time.Duration {
	if len(lines) == 0 {
		return 0
	}
	tr := make([]time.Duration, len(lines))
	for i, l := range lines {
		tr[i] = l.tr
	}
	slices.Sort(tr)
	return tr[int(math.Ceil(0.95*float64(len(tr))))-1]
}

func maxTr(lines []logLine) time.Duration {
	var m time.Duration
	for _, l := range lines {
		m = max(m, l.tr)
	}
	return m
}

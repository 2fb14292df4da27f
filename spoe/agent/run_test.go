package agent

import (
	"context"
	"fmt"
	"github.com/hapguard/hapguard/internal/testnet"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hapguard/hapguard/internal/testbin"
)

// loopbackConfig is an agent on free loopback ports with the syslog input.
func loopbackConfig(t *testing.T) Config {
	t.Helper()
	cfg := DefaultConfig()
	cfg.SPOEListen = fmt.Sprintf("tcp://127.0.0.1:%d", testnet.FreeTCPPort(t))
	cfg.SyslogListen = fmt.Sprintf("udp://127.0.0.1:%d", testnet.FreeUDPPort(t))
	cfg.HTTPListen = fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t))
	cfg.ShutdownTimeout = 2 * time.Second
	return cfg
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	var lastErr error
	for range 100 { // the listener may need a moment after Run starts
		resp, err := http.Get(url)
		if err == nil {
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, string(body)
		}
		lastErr = err
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("GET %s: %v", url, lastErr)
	return 0, ""
}

// sendLogLines sends HAProxy log lines (RFC 3164 framing) to the agent.
func sendLogLines(t *testing.T, addr string, lines ...string) {
	t.Helper()
	c, err := net.Dial("udp", strings.TrimPrefix(addr, "udp://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, l := range lines {
		if _, err := c.Write([]byte("<134>Nov 23 19:45:34 haproxy[1]: " + l)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRunServesMetricsAndAnomaliesAndStopsCleanly(t *testing.T) {
	cfg := loopbackConfig(t)
	var logs testnet.SyncBuffer
	stop := runAgent(t, cfg, &logs)
	base := "http://" + cfg.HTTPListen
	httpGet(t, base+"/api/v1/anomalies")
	line := `ID1 127.0.0.1:5000 [23/Nov/2026:19:45:34.123] fe be_app/s1 0/0/1/2/3 502 200 - - PH-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"`
	sendLogLines(t, cfg.SyslogListen, line)
	want := `hapguard_agent_responses_total{backend="be_app",class="5xx",server="s1",source="log"} 1`
	var metrics string
	for range 100 {
		_, metrics = httpGet(t, base+"/metrics")
		if strings.Contains(metrics, want) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(metrics, want) {
		t.Fatalf("metrics lack %s:\n%s", want, metrics)
	}
	checkWithPromtool(t, metrics)
	code, body := httpGet(t, base+"/api/v1/anomalies")
	if diff := cmp.Diff([]any{200, `{"active":[],"recent":[]}` + "\n"}, []any{code, body}); diff != "" {
		t.Errorf("anomalies (-want +got):\n%s", diff)
	}
	if code, _ := httpPost(t, base+"/api/v1/anomalies"); code != http.StatusMethodNotAllowed {
		t.Errorf("POST /api/v1/anomalies = %d, want 405", code)
	}
	start := time.Now()
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if took := time.Since(start); took > cfg.ShutdownTimeout+time.Second {
		t.Errorf("stop took %v", took)
	}
}

func httpPost(t *testing.T, url string) (int, error) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader("{}"))
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// checkWithPromtool runs the real `promtool check metrics` on an exposition.
func checkWithPromtool(t *testing.T, exposition string) {
	t.Helper()
	bin := testbin.Require(t, "promtool", "prometheus")
	cmd := exec.Command(bin, "check", "metrics")
	cmd.Stdin = strings.NewReader(exposition)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("promtool check metrics: %v\n%s", err, out)
	}
}

func TestRunFailsOnBusyPort(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	cfg := loopbackConfig(t)
	cfg.HTTPListen = busy.Addr().String()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = Run(ctx, cfg, newTestLogger(&testnet.SyncBuffer{}))
	if err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Fatalf("err = %v, want address already in use", err)
	}
	// The SPOE and syslog listeners bound before the failure are released.
	for _, addr := range []string{cfg.SPOEListen} {
		ln, err := net.Listen("tcp", strings.TrimPrefix(addr, "tcp://"))
		if err != nil {
			t.Fatalf("%s still bound after the failed start: %v", addr, err)
		}
		ln.Close()
	}
}

func TestRunOnUnixSockets(t *testing.T) {
	dir := t.TempDir()
	cfg := loopbackConfig(t)
	cfg.SPOEListen = "unix://" + dir + "/spoe.sock"
	cfg.SyslogListen = "unixgram://" + dir + "/log.sock"
	runAgent(t, cfg, &testnet.SyncBuffer{})
	base := "http://" + cfg.HTTPListen
	httpGet(t, base+"/api/v1/anomalies")
	c, err := net.Dial("unix", dir+"/spoe.sock")
	if err != nil {
		t.Fatalf("SPOE unix socket: %v", err)
	}
	c.Close()
	logConn, err := net.Dial("unixgram", dir+"/log.sock")
	if err != nil {
		t.Fatalf("syslog unix datagram socket: %v", err)
	}
	defer logConn.Close()
	line := `<134>Nov 23 19:45:34 haproxy[1]: ID1 127.0.0.1:5000 [23/Nov/2026:19:45:34.123] fe be_app/s1 0/0/1/2/3 200 200 - - ---- 1/1/0/0/0 0/0 "GET / HTTP/1.1"`
	if _, err := logConn.Write([]byte(line)); err != nil {
		t.Fatal(err)
	}
	want := `hapguard_agent_responses_total{backend="be_app",class="2xx",server="s1",source="log"} 1`
	for range 100 {
		if _, m := httpGet(t, base+"/metrics"); strings.Contains(m, want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the log line sent on the unix datagram socket was not counted")
}

// TestRunWarnsAboutInputsTheWiringNeeds runs the agent with only its SPOE
// input: it must warn, once each, that the log stream and the runtime API
// are off and what that hides.
func TestRunWarnsAboutInputsTheWiringNeeds(t *testing.T) {
	cfg := loopbackConfig(t)
	cfg.SyslogListen, cfg.HAProxySocket = "", ""
	var logs testnet.SyncBuffer
	stop := runAgent(t, cfg, &logs)
	httpGet(t, "http://"+cfg.HTTPListen+"/api/v1/anomalies")
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, `"msg":"input off: `) && strings.Contains(line, `"level":"WARN"`) {
			for _, k := range []string{"spoe_listen", "syslog_listen", "haproxy_socket"} {
				if strings.Contains(line, `"key":"`+k+`"`) {
					keys = append(keys, k)
				}
			}
		}
	}
	if diff := cmp.Diff([]string{"syslog_listen", "haproxy_socket"}, keys); diff != "" {
		t.Errorf("warnings about inputs that are off (-want +got):\n%s\nlog:\n%s", diff, logs.String())
	}
}

package cli

import (
	"bytes"
	"context"
	"github.com/hapguard/hapguard/internal/testnet"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// plantedPassword is the Alertmanager password no output may show.
const plantedPassword = "AMPASSWORD55"

// TestNoOutputShowsTheAlertmanagerPassword runs the agent with a password
// in --alertmanager-url against an Alertmanager that fails every push, makes
// an anomaly fire, and greps every output: the log (start line, push
// errors), /metrics, /api/v1/anomalies, and --check-config's errors.
func TestNoOutputShowsTheAlertmanagerPassword(t *testing.T) {
	var pushes, authorized atomic.Int64
	am := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pushes.Add(1)
		if _, pw, ok := r.BasicAuth(); ok && pw == plantedPassword {
			authorized.Add(1)
		}
		http.Error(w, "boom", http.StatusInternalServerError)
	}))
	defer am.Close()
	amURL := strings.Replace(am.URL, "http://", "http://amuser:"+plantedPassword+"@", 1)
	syslog, httpAddr := freeAddr(t, "udp"), freeAddr(t, "tcp")

	var logs testnet.SyncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan int, 1)
	go func() {
		exited <- Main(ctx, []string{"agent", "--spoe-listen", "off", "--syslog-listen", "udp://" + syslog,
			"--http-listen", httpAddr, "--alertmanager-url", amURL, "--consecutive-5xx", "2"},
			Stdio{In: strings.NewReader(""), Out: &logs, Err: &logs})
	}()
	stop := sync.OnceFunc(func() { cancel(); <-exited })
	defer stop()
	api := "http://" + httpAddr
	waitGet(t, api+"/api/v1/anomalies")
	sendLogLines(t, syslog, 10)
	waitUntil(t, 15*time.Second, "two failed pushes to Alertmanager", func() bool { return pushes.Load() >= 2 })
	if authorized.Load() == 0 {
		t.Error("Alertmanager never received the password: the test plants it in vain")
	}

	outputs := map[string]string{"/metrics": waitGet(t, api+"/metrics"), "/api/v1/anomalies": waitGet(t, api+"/api/v1/anomalies")}
	if !strings.Contains(outputs["/api/v1/anomalies"], "consecutive_5xx") {
		t.Errorf("no anomaly fired: %s", outputs["/api/v1/anomalies"])
	}
	for _, bad := range []string{"http://amuser:" + plantedPassword + "@127.0.0.1:99999", "http://amuser:" + plantedPassword + "@[::1", "ftp://amuser:" + plantedPassword + "@127.0.0.1:9093"} {
		_, _, stderr := runAgentCmd(t, "--alertmanager-url", bad, "--check-config")
		outputs["--check-config "+bad[:4]] = stderr
	}
	stop()
	outputs["log"] = logs.String()
	if !strings.Contains(outputs["log"], "alerts not delivered") {
		t.Errorf("no push error was logged:\n%s", outputs["log"])
	}
	for name, out := range outputs {
		if strings.Contains(out, plantedPassword) {
			t.Errorf("%s shows the password:\n%s", name, out)
		}
	}
}

// sendLogLines sends n HAProxy log lines of a 502 from be_app/s1.
func sendLogLines(t *testing.T, addr string, n int) {
	t.Helper()
	c, err := net.Dial("udp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	line := `<134>Nov 23 19:45:34 haproxy[21916]: 127.0.0.1:43162 [23/Nov/2026:19:45:34.852] fe_main be_app/s1 0/0/0/-1/0 502 209 - - PH-- 1/1/0/0/0 0/0 "GET / HTTP/1.1"`
	for range n {
		if _, err := c.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
	}
}

// waitGet GETs url until it answers (5s at most) and returns the body.
func waitGet(t *testing.T, url string) string {
	t.Helper()
	var body []byte
	waitUntil(t, 5*time.Second, "GET "+url, func() bool {
		resp, err := http.Get(url)
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		body, _ = io.ReadAll(resp.Body)
		return true
	})
	return string(bytes.TrimSpace(body))
}

func waitUntil(t *testing.T, timeout time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if ok() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: not within %v", what, timeout)
}

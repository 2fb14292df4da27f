package alertmanager

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/hapguard/hapguard/internal/testbin"
)

const alertmanagerConfig = `route:
  receiver: discard
receivers:
  - name: discard
`

// startAlertmanager runs Debian's prometheus-alertmanager on a free
// loopback port until the test ends and returns its base URL. In CI a
// missing binary fails the test; elsewhere it skips it.
func startAlertmanager(t *testing.T) string {
	t.Helper()
	bin := testbin.Require(t, "prometheus-alertmanager", "prometheus-alertmanager")
	dir := t.TempDir()
	cfg := filepath.Join(dir, "alertmanager.yml")
	if err := os.WriteFile(cfg, []byte(alertmanagerConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddress(t)
	var out bytes.Buffer
	cmd := exec.Command(bin, "--config.file="+cfg, "--storage.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+addr, "--cluster.listen-address=")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start alertmanager: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("alertmanager output:\n%s", out.String())
		}
	})
	base := "http://" + addr
	waitMetric(t, "Alertmanager to be ready", func() bool {
		resp, err := http.Get(base + "/-/ready")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	return base
}

func freeAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// gettableAlert is the part of Alertmanager's GET /api/v2/alerts answer
// the test reads.
type gettableAlert struct {
	Labels      map[string]string `json:"labels"`
	Annotations map[string]string `json:"annotations"`
	Status      struct {
		State string `json:"state"`
	} `json:"status"`
}

// activeAlerts lists the alerts Alertmanager considers active.
func activeAlerts(t *testing.T, base string) []gettableAlert {
	t.Helper()
	resp, err := http.Get(base + "/api/v2/alerts?active=true&silenced=false&inhibited=false")
	if err != nil {
		t.Fatalf("list alerts: %v", err)
	}
	defer resp.Body.Close()
	var alerts []gettableAlert
	if err := json.NewDecoder(resp.Body).Decode(&alerts); err != nil {
		t.Fatalf("decode alerts: %v", err)
	}
	return alerts
}

func TestRealAlertmanager(t *testing.T) {
	base := startAlertmanager(t)
	c, _ := startClient(t, Config{URL: base, ResendInterval: 200 * time.Millisecond})
	c.Fire("be_api/s2", sample)

	var found []gettableAlert
	waitMetric(t, "the alert to be active in Alertmanager", func() bool {
		found = activeAlerts(t, base)
		return len(found) == 1
	})
	got := found[0]
	if got.Labels["backend"] != "be_api" || got.Labels["cause"] != "server_abort" ||
		got.Annotations["next_step"] != sample.NextStep || got.Status.State != "active" {
		t.Errorf("active alert = %+v, want be_api/server_abort with its next step", got)
	}

	c.Resolve("be_api/s2", time.Time{})
	waitMetric(t, "the alert to leave the active list", func() bool {
		return len(activeAlerts(t, base)) == 0
	})
	if got := testutil.ToFloat64(c.metrics.sendFailures); got != 0 {
		t.Errorf("send failures = %v, want 0 against a healthy Alertmanager", got)
	}
}

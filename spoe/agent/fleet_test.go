package agent

import (
	"encoding/json"
	"fmt"
	"github.com/hapguard/hapguard/internal/testnet"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/spoe/agent/internal/backendpool"
)

// TestFleetGroupsOneBackendAcrossNodes runs two HAProxy+agent pairs on
// loopback, both pushing to one real Alertmanager configured with the
// shipped contrib/alertmanager/alertmanager.yml (its webhook pointed at the
// test). When be_app loses every server on both nodes, the receiver must get
// one notification for be_app/no_server holding both nodes' alerts, told
// apart by their instance label.
func TestFleetGroupsOneBackendAcrossNodes(t *testing.T) {
	hook := startWebhook(t)
	am := startAlertmanager(t, hook.URL)
	var nodes []*stack
	for range 2 {
		nodes = append(nodes, startStackWith(t, "2.6", false, func(c *Config) { c.AlertmanagerURL = am }, "s1", "s2"))
	}
	for _, n := range nodes {
		tr := startTraffic(n.frontend, 50, time.Minute)
		defer tr.finish()
	}
	time.Sleep(2 * time.Second)
	for _, n := range nodes {
		setMode(t, n, "", backendpool.Refuse)
	}
	got := hook.waitGroup(t, 30*time.Second, func(n notification) bool {
		return n.GroupLabels["backend"] == "be_app" && n.GroupLabels["kind"] == "no_server" && n.Status == "firing"
	})
	var instances []string
	for _, a := range got.Alerts {
		instances = append(instances, a.Labels["instance"])
	}
	slices.Sort(instances)
	t.Logf("one notification for %v: %d alerts from instances %v", got.GroupLabels, len(got.Alerts), instances)
	if len(instances) != 2 || instances[0] == instances[1] || instances[0] == "" {
		t.Errorf("notification holds alerts of instances %v, want the two nodes", instances)
	}
	if n := hook.count(func(n notification) bool {
		return n.GroupLabels["backend"] == "be_app" && n.GroupLabels["kind"] == "no_server"
	}); n != 1 {
		t.Errorf("%d notifications for be_app/no_server, want one", n)
	}
}

// notification is the part of Alertmanager's webhook payload the test reads.
type notification struct {
	Status      string            `json:"status"`
	GroupLabels map[string]string `json:"groupLabels"`
	Alerts      []struct {
		Labels map[string]string `json:"labels"`
	} `json:"alerts"`
}

type webhook struct {
	URL  string
	mu   sync.Mutex
	seen []notification
}

func startWebhook(t *testing.T) *webhook {
	t.Helper()
	h := &webhook{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n notification
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err := json.Unmarshal(body, &n); err == nil {
			h.mu.Lock()
			h.seen = append(h.seen, n)
			h.mu.Unlock()
		}
	}))
	t.Cleanup(srv.Close)
	h.URL = srv.URL + "/hapguard"
	return h
}

// waitGroup waits for a notification that match selects.
func (h *webhook) waitGroup(t *testing.T, timeout time.Duration, match func(notification) bool) notification {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		h.mu.Lock()
		for _, n := range h.seen {
			if match(n) {
				h.mu.Unlock()
				return n
			}
		}
		h.mu.Unlock()
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no matching notification within %v; got %+v", timeout, h.seen)
	return notification{}
}

func (h *webhook) count(match func(notification) bool) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, x := range h.seen {
		if match(x) {
			n++
		}
	}
	return n
}

// startAlertmanager runs the real Alertmanager on the shipped routing
// example, its webhook replaced by hook and its group_wait shortened, and
// returns its base URL once it is ready.
func startAlertmanager(t *testing.T, hook string) string {
	t.Helper()
	bin := testbin.Require(t, "prometheus-alertmanager", "prometheus-alertmanager")
	shipped, err := os.ReadFile(filepath.Join("..", "..", "contrib", "alertmanager", "alertmanager.yml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := strings.NewReplacer("http://127.0.0.1:5001/hapguard", hook, "group_wait: 10s", "group_wait: 3s").Replace(string(shipped))
	dir := t.TempDir()
	path := filepath.Join(dir, "alertmanager.yml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := fmt.Sprintf("127.0.0.1:%d", testnet.FreeTCPPort(t))
	cmd := exec.Command(bin, "--config.file="+path, "--storage.path="+dir, "--web.listen-address="+addr,
		"--cluster.listen-address=")
	out := &testnet.SyncBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("alertmanager output:\n%s", out.String())
		}
	})
	base := "http://" + addr
	for range 100 {
		if resp, err := http.Get(base + "/-/ready"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("alertmanager not ready within 10s:\n%s", out.String())
	return ""
}

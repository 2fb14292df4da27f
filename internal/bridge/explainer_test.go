package bridge

import (
	"context"
	"github.com/hapguard/hapguard/internal/testnet"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/rules"
	"github.com/hapguard/hapguard/spoe/confignote"
)

const timeoutAnomalyCfg = `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server %s
frontend fe
    bind 127.0.0.1:8080
    default_backend be_api
backend be_api
    server s1 127.0.0.1:9001 check
`

var timeoutAnomaly = confignote.Anomaly{Kind: "consecutive_5xx", Cause: "server_timeout", Backend: "be_api", Server: "s1"}

// lintFile lints one file from disk, as the agent's loader does.
func lintFile(path string) LoadFunc {
	return func() (Result, error) {
		data, err := os.ReadFile(path)
		if err != nil {
			return Result{}, err
		}
		settings := lint.Settings{Options: lint.DefaultOptions(), Rules: rules.All()}
		cfg, diags, err := lint.Check([]lint.Input{{Name: path, Data: data}}, settings)
		return Result{Config: cfg, Diags: diags, Redactor: lint.NewRedactor(cfg, nil), Fault: err}, nil
	}
}

func writeCfg(t *testing.T, path, timeout string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Replace(timeoutAnomalyCfg, "%s", timeout, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls cond every 10 ms for at most 5 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("%s: not within 5 s", what)
}

// startExplainer runs an Explainer of path until the test ends.
func startExplainer(t *testing.T, path string, poll time.Duration, logs *testnet.SyncBuffer) *Explainer {
	t.Helper()
	e, err := New(Options{Load: lintFile(path), Paths: []string{path}, PollInterval: poll, Logger: newTestLogger(logs)})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Register(prometheus.NewRegistry()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return e
}

// TestExplainerFollowsTheFiles: a changed file is re-linted; an unreadable
// one keeps the last good answer and is logged once per failure episode.
func TestExplainerFollowsTheFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "haproxy.cfg")
	writeCfg(t, path, "30")
	var logs testnet.SyncBuffer
	e := startExplainer(t, path, 20*time.Millisecond, &logs)
	waitFor(t, "first load names timeout server 30", func() bool { return len(e.Explain(timeoutAnomaly)) > 0 })
	if got := testutil.ToFloat64(e.metrics.findings.WithLabelValues("HG402", "warning")); got != 1 {
		t.Errorf("hapguard_config_findings{rule=HG402,severity=warning} = %v, want 1", got)
	}

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the missing file is reported", func() bool { return strings.Contains(logs.String(), "not linted") })
	e.HAProxyReloaded()
	time.Sleep(100 * time.Millisecond) // more failed loads of the same episode
	if n := strings.Count(logs.String(), "not linted"); n != 1 {
		t.Errorf("an unreadable configuration is reported %d times, want once per episode", n)
	}
	if testutil.ToFloat64(e.metrics.ok) != 0 {
		t.Error("hapguard_config_load_ok is not 0 after a failed load")
	}
	if len(e.Explain(timeoutAnomaly)) == 0 || testutil.ToFloat64(e.metrics.findings.WithLabelValues("HG402", "warning")) != 1 {
		t.Error("the last good answer was lost after a failed load")
	}

	writeCfg(t, path, "30s")
	waitFor(t, "the fixed file is re-linted", func() bool { return len(e.Explain(timeoutAnomaly)) == 0 })
	if testutil.ToFloat64(e.metrics.ok) != 1 {
		t.Error("hapguard_config_load_ok is not 1 after a good load")
	}
}

// TestExplainerRereadsOnHAProxyReload: with no file watch, a HAProxy reload
// alone makes the configuration be read again.
func TestExplainerRereadsOnHAProxyReload(t *testing.T) {
	path := filepath.Join(t.TempDir(), "haproxy.cfg")
	writeCfg(t, path, "30s")
	var logs testnet.SyncBuffer
	e := startExplainer(t, path, -1, &logs)
	waitFor(t, "first load", func() bool { return strings.Contains(logs.String(), "linted") })
	writeCfg(t, path, "30")
	time.Sleep(50 * time.Millisecond)
	if len(e.Explain(timeoutAnomaly)) != 0 {
		t.Fatal("re-read without a reload or a watch")
	}
	e.HAProxyReloaded()
	waitFor(t, "a HAProxy reload re-reads the file", func() bool { return len(e.Explain(timeoutAnomaly)) > 0 })
}

// TestExplainerSurvivesALinterPanic: a panic in the linter is a failed
// load, not a crash of the agent.
func TestExplainerSurvivesALinterPanic(t *testing.T) {
	e, err := New(Options{Load: func() (Result, error) { panic("boom") }})
	if err != nil {
		t.Fatal(err)
	}
	e.Reload()
	if got := e.Explain(timeoutAnomaly); got != nil {
		t.Errorf("notes after a failed first load: %v", got)
	}
}

// TestNotesMaskSecrets: a note's source line never shows a password.
func TestNotesMaskSecrets(t *testing.T) {
	cfg := `defaults
    mode http
    timeout connect 5s
    timeout client 30s
    timeout server 30s
frontend fe
    bind 127.0.0.1:8080
    default_backend be_app
backend be_app
    option httpchk
    http-check send meth GET uri /health ver HTTP/1.1 hdr Authorization "Basic c2VjcmV0OnBhc3M="
    server s1 127.0.0.1:9001 check
`
	e, _ := New(Options{Load: lintText(cfg)})
	e.Reload()
	notes := e.Explain(confignote.Anomaly{Kind: "server_down", Cause: "server_down", Backend: "be_app", Server: "s1"})
	if len(notes) == 0 {
		t.Fatal("want the HG304 note")
	}
	for _, n := range notes {
		if strings.Contains(n.Source+n.Message+n.String(), "c2VjcmV0OnBhc3M=") {
			t.Errorf("note leaks the credential: %+v", n)
		}
	}
}

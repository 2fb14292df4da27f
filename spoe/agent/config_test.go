package agent

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDefaultsAreValidAndLoopback(t *testing.T) {
	c := DefaultConfig()
	if err := c.Validate(); err != nil {
		t.Fatalf("defaults invalid: %v", err)
	}
	for _, addr := range []string{c.SPOEListen, c.HTTPListen} {
		if !strings.Contains(addr, "127.0.0.1:") {
			t.Errorf("default listener %q is not on loopback", addr)
		}
	}
}

func TestConfigFileErrorsNameFileAndLine(t *testing.T) {
	cases := []struct{ name, content, want string }{
		{"unknown key", "spoe_listen: tcp://127.0.0.1:1\nspoe_lisen: x\n", "bad.yaml:2: spoe_lisen: unknown key"},
		{"nested unknown key", "detection:\n  consecutive_5xx: 3\n  treshold: 2\n", "bad.yaml:3: detection.treshold: unknown key"},
		{"wrong type", "queue_size: lots\n", `bad.yaml:1: queue_size: "lots" is not a whole number`},
		{"syntax", "spoe_listen: [\n", "bad.yaml:"},
		{"two documents", "queue_size: 1\n---\nqueue_size: 2\n", "only one YAML document"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "bad.yaml", tc.content)
			_, err := LoadConfigFile(path, DefaultConfig())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	c := DefaultConfig()
	c.SPOEListen = ""
	c.HTTPListen = "nohost"
	c.AlertmanagerURL = "ftp://x"
	c.Detection.MinErrorRatio = 2
	c.QueueSize = 0
	err := c.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	got := strings.Split(err.Error(), "\n")
	want := []string{
		"no input: set at least one of spoe_listen, syslog_listen, haproxy_socket",
		`http_listen (--http-listen): "nohost": want host:port: address nohost: missing port in address`,
		`alertmanager_url (--alertmanager-url): alertmanager URL "ftp://x": want http://host[:port] or https://host[:port]`,
		"queue_size (--queue-size): 0 is out of range (allowed: 1 to 1048576)",
		"detection.error_ratio (--error-ratio): 2 is out of range (allowed: above 0, at most 1)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("errors (-want +got):\n%s", diff)
	}
}

// TestShippedExampleConfigIsTheDefaults keeps contrib/agent.yaml valid and
// in step with DefaultConfig (it documents the defaults, plus the inputs a
// systemd install turns on).
func TestShippedExampleConfigIsTheDefaults(t *testing.T) {
	got, err := LoadConfigFile("../../contrib/agent.yaml", Config{})
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.SyslogListen = "unixgram:///run/hapguard/log.sock" // the wiring's default
	want.HAProxySocket = "/run/haproxy/hapguard.sock"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("contrib/agent.yaml (-defaults +file):\n%s", diff)
	}
	// /run/hapguard is the unit's RuntimeDirectory, which systemd creates
	// before --check-config runs; elsewhere a directory of the test's stands in.
	got.SyslogListen = "unixgram://" + filepath.Join(t.TempDir(), "log.sock")
	if err := got.Validate(); err != nil {
		t.Errorf("contrib/agent.yaml is invalid: %v", err)
	}
}

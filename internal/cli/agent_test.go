package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/hapguard/hapguard/spoe/agent"
	"github.com/hapguard/hapguard/spoe/wiring"
)

func writeTestFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func runAgentCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return run(t, "", append([]string{"agent"}, args...)...)
}

func TestAgentCheckConfigExitCodes(t *testing.T) {
	good := writeTestFile(t, "good.yaml", "syslog_listen: udp://127.0.0.1:5140\n")
	bad := writeTestFile(t, "bad.yaml", "syslog_listen: udp://127.0.0.1:5140\nfoo: 1\n")
	cases := []struct {
		args       []string
		wantCode   int
		wantStderr string
	}{
		{[]string{"--config", good, "--check-config"}, ExitOK, ""},
		{[]string{"--config", bad, "--check-config"}, ExitUsage, "bad.yaml:2: foo: unknown key"},
		{[]string{"--spoe-listen", "off", "--check-config"}, ExitUsage, "no input"},
		{[]string{"--no-such-flag"}, ExitUsage, "flag provided but not defined"},
		{[]string{"stray"}, ExitUsage, `unexpected argument "stray"`},
		{[]string{"--config", "/nonexistent/agent.yaml"}, ExitUsage, "no such file"},
		{[]string{"-h"}, ExitOK, "-spoe-listen"},
	}
	for _, tc := range cases {
		code, _, stderr := runAgentCmd(t, tc.args...)
		if code != tc.wantCode || !strings.Contains(stderr, tc.wantStderr) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.wantCode, tc.wantStderr)
		}
	}
}

func TestHelpExitsZeroEverywhere(t *testing.T) {
	for _, args := range [][]string{
		{"--help"}, {"lint", "--help"}, {"lint", "-h"}, {"rules", "--help"}, {"explain", "--help"},
		{"config", "--help"}, {"agent", "--help"}, {"agent", "print-haproxy-config", "--help"},
	} {
		if code, _, stderr := run(t, "", args...); code != ExitOK {
			t.Errorf("%v: exit %d, want 0; stderr %q", args, code, stderr)
		}
	}
}

func TestAgentFileThenExplicitFlagsWin(t *testing.T) {
	path := writeTestFile(t, "agent.yaml", `
spoe_listen: unix:///run/hapguard/spoe.sock
syslog_listen: udp://127.0.0.1:5140
detection:
  consecutive_5xx: 7
  resolve_after: 3s
`)
	opts, err := parseAgentOptions([]string{"--config", path, "--consecutive-5xx", "9", "--http-listen", "off"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := agent.DefaultConfig()
	want.SPOEListen = "unix:///run/hapguard/spoe.sock"
	want.SyslogListen = "udp://127.0.0.1:5140"
	want.HTTPListen = ""
	want.Detection.ConsecutiveErrors = 9
	want.Detection.ResolveAfter = 3 * time.Second
	if diff := cmp.Diff(want, opts.config); diff != "" {
		t.Fatalf("config (-want +got):\n%s", diff)
	}
}

func TestPrintHAProxyConfigIsTheWiringPackagesText(t *testing.T) {
	code, stdout, stderr := runAgentCmd(t, "print-haproxy-config", "--haproxy-version", "2.6",
		"--spoe-listen", "tcp://127.0.0.1:12399", "--haproxy-socket", "unix:///run/haproxy/hg.sock")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, err := wiring.Render(wiring.Options{HAProxyVersion: "2.6", AgentAddress: "tcp://127.0.0.1:12399", StatsSocket: "/run/haproxy/hg.sock"})
	if err != nil {
		t.Fatal(err)
	}
	wantText := want.Text() + "\n#### run the agent with ####\n" +
		"hapguard agent --spoe-listen tcp://127.0.0.1:12399 --syslog-listen unixgram:///run/hapguard/log.sock --haproxy-socket unix:///run/haproxy/hg.sock\n"
	if diff := cmp.Diff(wantText, stdout); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, args := range [][]string{{"print-haproxy-config"}, {"print-haproxy-config", "--haproxy-version", "1.8"}} {
		if code, _, stderr := runAgentCmd(t, args...); code != ExitUsage || !strings.Contains(stderr, "2.6") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the supported versions", args, code, stderr)
		}
	}
}

// TestCheckConfigRefusesEveryBadValue: each value exits 2 with a message
// naming the flag or key and the allowed range, never an internal name.
func TestCheckConfigRefusesEveryBadValue(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--spoe-listen", "tcp://127.0.0.1:99999"}, `spoe_listen (--spoe-listen): "tcp://127.0.0.1:99999": port "99999" is not a number in 0-65535`},
		{[]string{"--syslog-listen", "udp://127.0.0.1:26140x"}, `syslog_listen (--syslog-listen): "udp://127.0.0.1:26140x": port "26140x" is not a number in 0-65535`},
		{[]string{"--alertmanager-url", "http://"}, `alertmanager_url (--alertmanager-url): alertmanager URL "http://": want http://host[:port]`},
		{[]string{"--poll-interval", "1ns"}, "poll_interval (--poll-interval): 1ns is out of range (allowed: 100ms to 10m0s)"},
		{[]string{"--tick-interval", "1ns"}, "tick_interval (--tick-interval): 1ns is out of range (allowed: 50ms to 1s)"},
		{[]string{"--window", "90s"}, "detection.window (--window): 1m30s is out of range (allowed: 1s to 1m0s)"},
		{[]string{"--queue-size", "500000000"}, "queue_size (--queue-size): 500000000 is out of range (allowed: 1 to 1048576)"},
		{[]string{"--spoe-max-connections", "1"}, "spoe.max_connections (--spoe-max-connections): 1 is out of range (allowed: 4 to 65536)"},
		{[]string{"--spoe-hello-timeout", "0s"}, "spoe.hello_timeout (--spoe-hello-timeout): 0s is out of range"},
		{[]string{"--gc-percent", "5"}, "gc_percent (--gc-percent): 5 is out of range (allowed: 10 to 1000)"},
		{[]string{"--memory-limit-mib", "16"}, "memory_limit_mib (--memory-limit-mib): 16 is out of range (allowed: 0 for no limit, or 64 to 1048576)"},
		{[]string{"--consecutive-5xx", "0"}, "detection.consecutive_5xx (--consecutive-5xx): 0 is out of range (allowed: 1 to 10000)"},
	}
	for _, tc := range cases {
		code, _, stderr := runAgentCmd(t, append(tc.args, "--http-listen", "off", "--check-config")...)
		if code != ExitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, ExitUsage, tc.want)
		}
		if strings.Contains(stderr, "RingSeconds") || strings.Contains(stderr, "detect.") {
			t.Errorf("%v: internal name in %q", tc.args, stderr)
		}
	}
	file := writeTestFile(t, "agent.yaml", "detection:\n  window: 2m\n  history: 0\n")
	code, _, stderr := runAgentCmd(t, "--config", file, "--check-config")
	if code != ExitUsage || !strings.Contains(stderr, "detection.window (--window): 2m0s is out of range") ||
		!strings.Contains(stderr, "detection.history: 0 is out of range (allowed: 1 to 10000)") {
		t.Errorf("file: exit %d, stderr %q", code, stderr)
	}
}

// TestEveryFlagIsAConfigKey keeps the flags and the keys that messages
// pair with a flag in step.
func TestEveryFlagIsAConfigKey(t *testing.T) {
	var o agentOptions
	o.config = agent.DefaultConfig()
	flags := map[string]bool{}
	newAgentFlagSet(&o, nil).VisitAll(func(f *flag.Flag) { flags[f.Name] = true })
	delete(flags, "config")
	delete(flags, "check-config")
	for _, key := range agent.FlaggedKeys() {
		name, _ := agent.FlagName(key)
		if !flags[name] {
			t.Errorf("key %s: no flag --%s", key, name)
		}
		delete(flags, name)
	}
	for name := range flags {
		t.Errorf("flag --%s is not listed as a configuration key with a flag", name)
	}
}

// TestPrintHAProxyConfigOutputDir writes the files and checks that the
// agent configuration written beside them is valid and matches the wiring.
func TestPrintHAProxyConfigOutputDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hapguard")
	code, stdout, stderr := runAgentCmd(t, "print-haproxy-config", "--haproxy-version", "3.4",
		"--syslog-listen", "off", "--output-dir", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, err := wiring.Render(wiring.Options{HAProxyVersion: "3.4", SyslogAddress: wiring.Off,
		SPOEConfigPath: filepath.Join(dir, "spoe.conf")})
	if err != nil {
		t.Fatal(err)
	}
	for name, content := range map[string]string{"spoe.conf": want.SPOEConf, wiring.ExtraFileName: want.Extra} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != content {
			t.Errorf("%s: %v, content differs from the wiring:\n%s", name, err, got)
		}
	}
	for _, s := range []string{want.Frontend, want.Backend, "-f " + filepath.Join(dir, wiring.ExtraFileName),
		"hapguard agent --config " + filepath.Join(dir, "agent.yaml")} {
		if !strings.Contains(stdout, s) {
			t.Errorf("output lacks %q:\n%s", s, stdout)
		}
	}
	code, _, stderr = runAgentCmd(t, "--config", filepath.Join(dir, "agent.yaml"), "--check-config")
	if code != ExitOK {
		t.Errorf("the written agent.yaml is invalid: %s", stderr)
	}
	opts, err := parseAgentOptions([]string{"--config", filepath.Join(dir, "agent.yaml")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c := opts.config; c.SPOEListen != want.Inputs.SPOE || c.SyslogListen != "" || c.HAProxySocket != want.Inputs.StatsSocket {
		t.Errorf("agent.yaml gives spoe %q, syslog %q, socket %q; want the wiring's %+v", c.SPOEListen, c.SyslogListen, c.HAProxySocket, want.Inputs)
	}
	if code, _, stderr := runAgentCmd(t, "print-haproxy-config", "--haproxy-version", "3.4", "--spoe-listen", "off"); code != ExitUsage {
		t.Errorf("--spoe-listen off: exit %d (%s), want 2", code, stderr)
	}
}

package agent

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/hapguard/hapguard/spoe/wiring"
)

func runMain(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Main(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCheckConfigExitCodes(t *testing.T) {
	good := writeFile(t, "good.yaml", "syslog_listen: udp://127.0.0.1:5140\n")
	bad := writeFile(t, "bad.yaml", "syslog_listen: udp://127.0.0.1:5140\nfoo: 1\n")
	cases := []struct {
		args       []string
		wantCode   int
		wantStderr string
	}{
		{[]string{"--config", good, "--check-config"}, ExitOK, ""},
		{[]string{"--config", bad, "--check-config"}, ExitUsage, "bad.yaml:2: field foo not found"},
		{[]string{"--spoe-listen", "off", "--check-config"}, ExitUsage, "no input"},
		{[]string{"--no-such-flag"}, ExitUsage, "flag provided but not defined"},
		{[]string{"stray"}, ExitUsage, `unexpected argument "stray"`},
		{[]string{"--config", "/nonexistent/agent.yaml"}, ExitUsage, "no such file"},
		{[]string{"-h"}, ExitOK, "-spoe-listen"},
	}
	for _, tc := range cases {
		code, _, stderr := runMain(t, tc.args...)
		if code != tc.wantCode || !strings.Contains(stderr, tc.wantStderr) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, stderr, tc.wantCode, tc.wantStderr)
		}
	}
}

func TestPrintHAProxyConfigIsTheWiringPackagesText(t *testing.T) {
	code, stdout, stderr := runMain(t, "print-haproxy-config", "--haproxy-version", "2.6",
		"--spoe-listen", "tcp://127.0.0.1:12399", "--haproxy-socket", "unix:///run/haproxy/hg.sock")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, err := wiring.Render(wiring.Options{HAProxyVersion: "2.6", AgentAddress: "tcp://127.0.0.1:12399", StatsSocket: "/run/haproxy/hg.sock"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.Text(), stdout); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	for _, args := range [][]string{{"print-haproxy-config"}, {"print-haproxy-config", "--haproxy-version", "1.8"}} {
		if code, _, stderr := runMain(t, args...); code != ExitUsage || !strings.Contains(stderr, "2.6") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the supported versions", args, code, stderr)
		}
	}
}

package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheckConfigAcceptsAnAddressIffTheAgentStarts runs, for every address
// form, `hapguard agent --check-config` and a real start (stopped after a
// moment), and requires both to agree; where the outcome is certain on any
// machine, it is checked too.
func TestCheckConfigAcceptsAnAddressIffTheAgentStarts(t *testing.T) {
	dir := t.TempDir()
	sock := func(name string) string { return filepath.Join(dir, name) }
	port := func(network string) string { return freeAddr(t, network)[len("127.0.0.1"):] }
	const unknown = -1
	cases := []struct {
		flag, value string
		valid       int // 1 valid, 0 invalid, unknown: depends on the machine (IPv6)
	}{
		{"--spoe-listen", "tcp://127.0.0.1" + port("tcp"), 1},
		{"--spoe-listen", "127.0.0.1" + port("tcp"), 1},
		{"--spoe-listen", "ipv4@127.0.0.1" + port("tcp"), 1},
		{"--spoe-listen", "tcp4://localhost" + port("tcp"), 1},
		{"--spoe-listen", "ipv6@[::1]" + port("tcp"), unknown},
		{"--spoe-listen", "unix@" + sock("spoe1.sock"), 1},
		{"--spoe-listen", "unix://" + sock("spoe2.sock"), 1},
		{"--spoe-listen", "unix:" + sock("spoe3.sock"), 1},
		{"--spoe-listen", sock("spoe4.sock"), 1},
		{"--spoe-listen", "tcp://127.0.0.1:99999", 0},
		{"--spoe-listen", "tcp://127.0.0.1:12345x", 0},
		{"--spoe-listen", "udp://127.0.0.1" + port("udp"), 0},
		{"--spoe-listen", "tcp://192.0.2.1" + port("tcp"), 0},
		{"--spoe-listen", "tcp://no-such-host.invalid:12345", 0},
		{"--spoe-listen", "ipv4@[::1]" + port("tcp"), 0},
		{"--spoe-listen", "unix://" + filepath.Join(dir, "missing", "s.sock"), 0},
		{"--spoe-listen", "unix@relative.sock", 0},
		{"--spoe-listen", "abns@hapguard", 0},
		{"--syslog-listen", "udp://127.0.0.1" + port("udp"), 1},
		{"--syslog-listen", "udp@127.0.0.1" + port("udp"), 1},
		{"--syslog-listen", "unixgram://" + sock("log1.sock"), 1},
		{"--syslog-listen", "uxdg@" + sock("log2.sock"), 1},
		{"--syslog-listen", "udp://127.0.0.1:26140x", 0},
		{"--syslog-listen", "tcp://127.0.0.1" + port("tcp"), 0},
		{"--http-listen", "127.0.0.1" + port("tcp"), 1},
		{"--http-listen", "tcp://127.0.0.1" + port("tcp"), 1},
		{"--http-listen", "unix://" + sock("http.sock"), 0},
		{"--http-listen", "127.0.0.1:70000", 0},
		{"--haproxy-socket", "unix@/run/hapguard-test-absent.sock", 1},
		{"--haproxy-socket", "ipv4@127.0.0.1:9999", 1},
		{"--haproxy-socket", "127.0.0.1:0", 0},
		{"--haproxy-socket", "unix@admin.sock", 0},
		{"--alertmanager-url", "http://user:pw@127.0.0.1:9093", 1},
		{"--alertmanager-url", "http://", 0},
		{"--alertmanager-url", "http://127.0.0.1:99999", 0},
	}
	for _, tc := range cases {
		t.Run(tc.flag+"="+tc.value, func(t *testing.T) {
			t.Parallel()
			args := []string{"--spoe-listen", "tcp://127.0.0.1" + port("tcp"), "--http-listen", "off", tc.flag, tc.value}
			checkCode, _, checkErr := runAgentCmd(t, append(args, "--check-config")...)
			started, startErr := startsAndStops(args)
			if (checkCode == ExitOK) != started {
				t.Fatalf("--check-config exit %d (%s) but start ok=%v (%s)", checkCode, checkErr, started, startErr)
			}
			if tc.valid != unknown && started != (tc.valid == 1) {
				t.Errorf("valid=%v, want %v; check: %s start: %s", started, tc.valid == 1, checkErr, startErr)
			}
			if checkCode != ExitOK && checkCode != ExitUsage {
				t.Errorf("--check-config exit %d, want 0 or %d", checkCode, ExitUsage)
			}
			if checkCode == ExitUsage && !strings.Contains(checkErr, tc.flag) {
				t.Errorf("message does not name %s: %s", tc.flag, checkErr)
			}
		})
	}
}

// startsAndStops runs the agent in-process; it reports whether it was
// still running after 300ms (then stopped with exit 0) and its stderr.
func startsAndStops(args []string) (bool, string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer time.AfterFunc(300*time.Millisecond, cancel).Stop()
	var out, errOut bytes.Buffer
	code := Main(ctx, append([]string{"agent"}, args...), Stdio{In: strings.NewReader(""), Out: &out, Err: &errOut})
	return code == ExitOK && ctx.Err() != nil, errOut.String()
}

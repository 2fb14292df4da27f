package wiring

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/agent")

// goldenDir is the repository's testdata/agent, shipped as wiring examples.
var goldenDir = filepath.Join("..", "..", "testdata", "agent")

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (regenerate with -update): %v", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got; rerun with -update if intended):\n%s", name, diff)
	}
}

func TestPrintGolden(t *testing.T) {
	for _, v := range Versions() {
		t.Run(v, func(t *testing.T) {
			var out bytes.Buffer
			if err := Print(&out, Options{HAProxyVersion: v}); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "wiring-"+v+".txt", out.String())
			w, err := Render(Options{HAProxyVersion: v})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "haproxy-"+v+".cfg", w.Example("127.0.0.1:8080", []string{"127.0.0.1:8081", "127.0.0.1:8082"}))
			checkGolden(t, "spoe-hapguard-"+v+".conf", w.SPOEConf)
			checkGolden(t, "haproxy-hapguard-"+v+".cfg", w.Extra)
		})
	}
}

func TestVersionDifferences(t *testing.T) {
	type shape struct{ Timers, HelloTimeout, SPOPMode bool }
	want := map[string]shape{
		"2.6": {false, true, false}, "2.8": {false, true, false},
		"3.0": {true, true, false}, "3.2": {true, false, true}, "3.4": {true, false, true},
	}
	got := map[string]shape{}
	for _, v := range Versions() {
		w, err := Render(Options{HAProxyVersion: v})
		if err != nil {
			t.Fatal(err)
		}
		got[v] = shape{
			Timers:       strings.Contains(w.SPOEConf, "res.timer.hdr"),
			HelloTimeout: strings.Contains(w.SPOEConf, "timeout hello"),
			SPOPMode:     strings.Contains(w.Extra, "mode spop"),
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("per-version features (-want +got):\n%s", diff)
	}
}

func TestBadOptions(t *testing.T) {
	for name, opts := range map[string]Options{
		"unknown version":    {HAProxyVersion: "2.4"},
		"no version":         {},
		"bad agent address":  {HAProxyVersion: "2.6", AgentAddress: "udp://127.0.0.1:12345"},
		"bad syslog address": {HAProxyVersion: "2.6", SyslogAddress: "tcp://127.0.0.1:514"},
		"syslog no port":     {HAProxyVersion: "2.6", SyslogAddress: "udp://127.0.0.1"},
		"bad backend name":   {HAProxyVersion: "2.6", Backends: []string{"be api"}},
		"spaced config path": {HAProxyVersion: "2.6", SPOEConfigPath: "/etc/my haproxy/spoe.conf"},
		"log outside chroot": {HAProxyVersion: "2.6", SyslogAddress: "unixgram:/run/hapguard/log.sock", Chroot: "/var/lib/haproxy"},
		"agent outside chroot": {HAProxyVersion: "2.6", SyslogAddress: "udp://127.0.0.1:5140",
			AgentAddress: "unix:/run/hapguard/spoe.sock", Chroot: "/var/lib/haproxy"},
		"spaced group": {HAProxyVersion: "2.6", SocketGroup: "hap roxy"},
	} {
		if err := Print(&bytes.Buffer{}, opts); err == nil {
			t.Errorf("%s: Print accepted %+v", name, opts)
		}
	}
	err := Print(&bytes.Buffer{}, Options{HAProxyVersion: "1.8"})
	if err == nil || !strings.Contains(err.Error(), "2.6, 2.8, 3.0, 3.2, 3.4") {
		t.Errorf("error should name the supported versions, got %v", err)
	}
}

func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	w, paths, err := WriteFiles(dir, Options{HAProxyVersion: "3.2", SPOEConfigPath: "/etc/haproxy/hapguard/spoe.conf"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "spoe.conf"), filepath.Join(dir, ExtraFileName)}
	if diff := cmp.Diff(want, paths); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
	for i, content := range []string{w.SPOEConf, w.Extra} {
		got, err := os.ReadFile(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(content, string(got)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", paths[i], diff)
		}
	}
}

func TestChrootPaths(t *testing.T) {
	w, err := Render(Options{HAProxyVersion: "2.6", Chroot: "/var/lib/haproxy/",
		SyslogAddress: "unixgram:///var/lib/haproxy/hapguard/log.sock", AgentAddress: "unix:/var/lib/haproxy/hapguard/spoe.sock"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"log /hapguard/log.sock local0"} {
		if !strings.Contains(w.Frontend, want) {
			t.Errorf("frontend lines lack %q:\n%s", want, w.Frontend)
		}
	}
	if want := "server agent1 unix@/hapguard/spoe.sock "; !strings.Contains(w.Extra, want) {
		t.Errorf("extra file lacks %q:\n%s", want, w.Extra)
	}
}

func TestInputsOff(t *testing.T) {
	w, err := Render(Options{HAProxyVersion: "3.4", SyslogAddress: Off, StatsSocket: Off})
	if err != nil {
		t.Fatal(err)
	}
	if w.Global != "" || strings.Contains(w.Frontend, "log ") || strings.Contains(w.Frontend, "unique-id-format") {
		t.Errorf("with the log stream and the stats socket off, the wiring still has them:\nglobal:\n%s\nfrontend:\n%s", w.Global, w.Frontend)
	}
	if !strings.Contains(w.Frontend, "http-after-response") || !strings.Contains(w.Backend, "filter spoe") {
		t.Errorf("the SPOE part is missing:\n%s%s", w.Frontend, w.Backend)
	}
}

// TestAddressesReadAsTheAgentReadsThem: the wiring's log and stats socket
// targets come from spoe/endpoint, so an address the agent accepts is
// written for HAProxy with the same meaning (an empty host is loopback, as
// for the agent's listener).
func TestAddressesReadAsTheAgentReadsThem(t *testing.T) {
	for _, tc := range []struct{ syslog, stats, wantLog, wantStats string }{
		{"udp://:514", "/run/haproxy/admin.sock", "log 127.0.0.1:514", "stats socket /run/haproxy/admin.sock mode 660"},
		{"udp4://127.0.0.1:514", "unix@/run/haproxy/admin.sock", "log ipv4@127.0.0.1:514", "stats socket /run/haproxy/admin.sock mode 660"},
		{"unixgram:///run/hapguard/log.sock", "tcp://127.0.0.1:9999", "log /run/hapguard/log.sock", "stats socket 127.0.0.1:9999 level"},
	} {
		w, err := Render(Options{HAProxyVersion: "2.6", SyslogAddress: tc.syslog, StatsSocket: tc.stats})
		if err != nil {
			t.Errorf("%s, %s: %v", tc.syslog, tc.stats, err)
			continue
		}
		all := w.Global + w.Frontend + w.Backend + w.Listen + w.Extra
		for _, want := range []string{tc.wantLog, tc.wantStats} {
			if !strings.Contains(all, want) {
				t.Errorf("%s, %s: wiring lacks %q:\n%s", tc.syslog, tc.stats, want, all)
			}
		}
	}
}

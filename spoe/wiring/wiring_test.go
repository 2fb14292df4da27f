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
		})
	}
}

func TestVersionDifferences(t *testing.T) {
	type shape struct{ Timers, HelloTimeout, SPOPMode bool }
	want := map[string]shape{
		"2.6": {false, true, false}, "2.8": {false, true, false},
		"3.0": {true, true, false}, "3.2": {true, false, true},
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
			SPOPMode:     strings.Contains(w.Backend, "mode spop"),
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
		"syslog no host":     {HAProxyVersion: "2.6", SyslogAddress: "udp://:514"},
		"bad backend name":   {HAProxyVersion: "2.6", Backends: []string{"be api"}},
		"spaced config path": {HAProxyVersion: "2.6", SPOEConfigPath: "/etc/my haproxy/spoe.conf"},
	} {
		if err := Print(&bytes.Buffer{}, opts); err == nil {
			t.Errorf("%s: Print accepted %+v", name, opts)
		}
	}
	err := Print(&bytes.Buffer{}, Options{HAProxyVersion: "1.8"})
	if err == nil || !strings.Contains(err.Error(), "2.6, 2.8, 3.0, 3.2") {
		t.Errorf("error should name the supported versions, got %v", err)
	}
}

func TestWriteFiles(t *testing.T) {
	dir := t.TempDir()
	w, err := WriteFiles(dir, Options{HAProxyVersion: "3.2"})
	if err != nil {
		t.Fatal(err)
	}
	spoe, err := os.ReadFile(filepath.Join(dir, "spoe-hapguard.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(w.SPOEConf, string(spoe)); diff != "" {
		t.Errorf("spoe-hapguard.conf (-want +got):\n%s", diff)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, "haproxy-hapguard.cfg"))
	if err != nil || !strings.Contains(string(cfg), w.Backend) || strings.Contains(string(cfg), "spoe-agent") {
		t.Errorf("haproxy-hapguard.cfg should hold the haproxy.cfg part only (err %v):\n%s", err, cfg)
	}
}

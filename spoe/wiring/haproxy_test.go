package wiring

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/hapguard/hapguard/internal/testbin"
)

// requireHAProxy returns the haproxy binary, failing in CI when it is missing.
func requireHAProxy(t *testing.T) string {
	t.Helper()
	return testbin.Require(t, "haproxy", "haproxy")
}

// TestHAProxyAcceptsTheWiring runs the real `haproxy -c` on a complete
// configuration built around the printed lines. Only 2.6 is installed, so
// the other versions are covered by the golden files alone.
func TestHAProxyAcceptsTheWiring(t *testing.T) {
	haproxy := requireHAProxy(t)
	dir := t.TempDir()
	variants := map[string]Options{
		"defaults": {},
		"unix-sockets-watched-backends": {
			AgentAddress:  "unix:" + filepath.Join(dir, "agent.sock"),
			SyslogAddress: "unixgram:" + filepath.Join(dir, "log.sock"),
			StatsSocket:   freeAddress(t),
			Backends:      []string{"be_app", "be_other"},
		},
	}
	for name, opts := range variants {
		t.Run(name, func(t *testing.T) {
			opts.HAProxyVersion = "2.6"
			opts.SPOEConfigPath = filepath.Join(dir, name+"-spoe.conf")
			if opts.StatsSocket == "" {
				opts.StatsSocket = filepath.Join(dir, "stats.sock")
			}
			w, err := Render(opts)
			if err != nil {
				t.Fatal(err)
			}
			cfg := filepath.Join(dir, name+".cfg")
			writeFile(t, opts.SPOEConfigPath, w.SPOEConf)
			writeFile(t, cfg, w.Example(freeAddress(t), []string{"127.0.0.1:1"})+"\nbackend be_other\n    server o1 127.0.0.1:2\n")
			out, err := exec.Command(haproxy, "-c", "-f", cfg).CombinedOutput()
			if err != nil {
				t.Fatalf("haproxy -c rejected the wiring: %v\n%s", err, out)
			}
			if bytesContainAny(out, "WARNING", "ALERT") {
				t.Errorf("haproxy -c warns about the wiring:\n%s", out)
			}
		})
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func bytesContainAny(b []byte, words ...string) bool {
	for _, w := range words {
		if bytes.Contains(b, []byte(w)) {
			return true
		}
	}
	return false
}

// freeAddress returns a loopback address with a port nothing listens on.
// haproxy -c does not bind, but the configuration should still be runnable.
func freeAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestShippedExampleIsValid checks testdata/agent/haproxy-2.6.cfg, the
// example users copy, with its SPOE file moved into a temporary directory.
func TestShippedExampleIsValid(t *testing.T) {
	haproxy := requireHAProxy(t)
	dir := t.TempDir()
	cfg, err := os.ReadFile(filepath.Join(goldenDir, "haproxy-2.6.cfg"))
	if err != nil {
		t.Fatal(err)
	}
	spoe, err := os.ReadFile(filepath.Join(goldenDir, "spoe-hapguard-2.6.conf"))
	if err != nil {
		t.Fatal(err)
	}
	spoePath := filepath.Join(dir, "spoe-hapguard.conf")
	writeFile(t, spoePath, string(spoe))
	cfgPath := filepath.Join(dir, "haproxy.cfg")
	writeFile(t, cfgPath, string(bytes.ReplaceAll(cfg, []byte(DefaultSPOEConfigPath), []byte(spoePath))))
	if out, err := exec.Command(haproxy, "-c", "-f", cfgPath).CombinedOutput(); err != nil {
		t.Fatalf("haproxy -c rejected the shipped example: %v\n%s", err, out)
	}
}

package wiring

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hapguard/hapguard/internal/testbin"
)

// checkWithHAProxy runs the real `haproxy -c` and `haproxy -c -dD`
// (diagnostic mode) on the user's configuration followed by the wiring's
// extra file, and fails on a refusal or on any warning, alert or diagnostic.
func checkWithHAProxy(t *testing.T, haproxy string, files ...string) {
	t.Helper()
	args := []string{"-c"}
	for _, f := range files {
		args = append(args, "-f", f)
	}
	for _, extra := range [][]string{nil, {"-dD"}} {
		out, err := exec.Command(haproxy, append(args, extra...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("haproxy %v rejected the wiring: %v\n%s", append(args, extra...), err, out)
		}
		if bytesContainAny(out, "WARNING", "ALERT") || len(diagnostics(out)) > 0 {
			t.Errorf("haproxy %v reports on the wiring:\n%s", append(args, extra...), out)
		}
	}
}

// diagnostics are the [DIAG] lines of haproxy -dD output, except the one
// about thread groups, which describes the machine, not the configuration.
func diagnostics(out []byte) []string {
	var diags []string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "[DIAG]") && !strings.Contains(l, " threads split into ") {
			diags = append(diags, l)
		}
	}
	return diags
}

// TestEveryVersionAcceptsItsWiring checks each LTS version's wiring with
// that version's real binary, in the default and the unix-socket variants.
func TestEveryVersionAcceptsItsWiring(t *testing.T) {
	for _, v := range Versions() {
		t.Run(v, func(t *testing.T) {
			haproxy := testbin.HAProxy(t, v)
			dir := t.TempDir()
			variants := map[string]Options{
				"defaults": {},
				"unix-sockets-watched-backends": {
					AgentAddress:  "unix:" + filepath.Join(dir, "agent.sock"),
					SyslogAddress: "unixgram:" + filepath.Join(dir, "log.sock"),
					StatsSocket:   freeAddress(t),
					Backends:      []string{"be_app", "be_other"},
				},
				"log-and-socket-off": {SyslogAddress: Off, StatsSocket: Off},
				"chroot": {
					AgentAddress:  "unix:" + filepath.Join(dir, "agent.sock"),
					SyslogAddress: "unixgram:" + filepath.Join(dir, "log.sock"),
					Chroot:        dir,
				},
			}
			for name, opts := range variants {
				t.Run(name, func(t *testing.T) {
					opts.HAProxyVersion = v
					opts.SocketGroup = testbin.SocketGroup(t)
					opts.SPOEConfigPath = filepath.Join(dir, name+"-spoe.conf")
					if opts.StatsSocket == "" {
						opts.StatsSocket = filepath.Join(dir, "stats.sock")
					}
					w, err := Render(opts)
					if err != nil {
						t.Fatal(err)
					}
					user := filepath.Join(dir, name+".cfg")
					extra := filepath.Join(dir, name+"-"+ExtraFileName)
					writeFile(t, opts.SPOEConfigPath, w.SPOEConf)
					writeFile(t, user, w.Example(freeAddress(t), []string{"127.0.0.1:1"})+
						"\nbackend be_other\n"+w.Backend+"    server o1 127.0.0.1:2\n\nbackend be_tcp\n    mode tcp\n    server t1 127.0.0.1:3\n"+
						"\nlisten li_app\n    bind "+freeAddress(t)+"\n"+w.Frontend+w.Listen+"    server l1 127.0.0.1:4\n")
					writeFile(t, extra, w.Extra)
					checkWithHAProxy(t, haproxy, user, extra)
				})
			}
		})
	}
}

// TestAgentsBackendInheritsNothing puts the wiring after a defaults section
// with HTTP-only settings (the unique-id-format and log-format the wiring
// recommends, http-request rules): the agents' backend must not inherit
// them, which HAProxy 3.0 refuses and 3.2+ warns about in diagnostic mode.
func TestAgentsBackendInheritsNothing(t *testing.T) {
	for _, v := range Versions() {
		t.Run(v, func(t *testing.T) {
			haproxy := testbin.HAProxy(t, v)
			dir := t.TempDir()
			w, err := Render(Options{HAProxyVersion: v, SocketGroup: testbin.SocketGroup(t),
				SPOEConfigPath: filepath.Join(dir, "spoe.conf"), StatsSocket: filepath.Join(dir, "stats.sock")})
			if err != nil {
				t.Fatal(err)
			}
			userCfg := strings.Replace(w.Example(freeAddress(t), []string{"127.0.0.1:1"}), "defaults\n",
				"defaults\n    unique-id-format %{+X}o%ci:%cp_%fi:%fp_%Ts_%rt:%pid\n    option httplog\n    option forwardfor\n", 1)
			writeFile(t, filepath.Join(dir, "spoe.conf"), w.SPOEConf)
			writeFile(t, filepath.Join(dir, "haproxy.cfg"), userCfg)
			writeFile(t, filepath.Join(dir, ExtraFileName), w.Extra)
			checkWithHAProxy(t, haproxy, filepath.Join(dir, "haproxy.cfg"), filepath.Join(dir, ExtraFileName))
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

package rules

import (
	"bufio"
	"fmt"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
)

// TestH2ChecksOnHAProxy backs HG516's claim about health checks of
// clear-text HTTP/2 servers, against real HAProxy 2.6 and 3.4: with "proto
// h2", "option httpchk" follows the server's protocol and passes, while
// "check-proto h1", an HTTP/1 tcp-check request, or no "proto h2" at all
// fail against an HTTP/2-only listener.
func TestH2ChecksOnHAProxy(t *testing.T) {
	want := map[string]bool{"be_httpchk": true, "be_check_proto_h1": false, "be_tcpcheck_h1": false, "be_no_proto": false}
	for _, branch := range []string{"2.6", "3.4"} {
		t.Run(branch, func(t *testing.T) {
			up := h2CheckStates(t, testbin.HAProxy(t, branch))
			for be, wantUp := range want {
				if got, ok := up[be]; !ok || got != wantUp {
					t.Errorf("%s: server UP = %v (reported: %v), want %v", be, got, ok, wantUp)
				}
			}
		})
	}
}

// h2CheckStates runs the checks against an HTTP/2-only frontend of the same
// HAProxy and returns, per backend, whether its server is UP once the
// failing checks have had time to mark their servers DOWN.
func h2CheckStates(t *testing.T, bin string) map[string]bool {
	t.Helper()
	dir := t.TempDir()
	sock := filepath.Join(dir, "admin.sock")
	h2 := freeLoopbackPort(t)
	cfg := fmt.Sprintf(`global
    stats socket %s mode 600 level admin
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
frontend h2only
    bind 127.0.0.1:%[2]d proto h2
    http-request return status 200 content-type text/plain string ok
backend be_httpchk
    option httpchk GET /
    server s1 127.0.0.1:%[2]d proto h2 check inter 200
backend be_check_proto_h1
    option httpchk GET /
    server s1 127.0.0.1:%[2]d proto h2 check inter 200 check-proto h1
backend be_tcpcheck_h1
    option tcp-check
    tcp-check send "GET / HTTP/1.1\r\nHost: x\r\n\r\n"
    tcp-check expect rstring "HTTP/1.. 200"
    server s1 127.0.0.1:%[2]d proto h2 check inter 200
backend be_no_proto
    option httpchk GET /
    server s1 127.0.0.1:%[2]d check inter 200
`, sock, h2)
	defer testbin.RunHAProxy(t, bin, cfg)()
	// Servers start UP; with fall 3 at inter 200ms a failing one is DOWN
	// within a second. Poll until no server has been UP for long enough
	// to fall, or at most 6s on a loaded machine.
	deadline := time.Now().Add(6 * time.Second)
	time.Sleep(time.Second)
	for {
		up := serverStatesUp(t, sock)
		if countUp(up) <= 1 || time.Now().After(deadline) {
			return up
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func countUp(up map[string]bool) int {
	n := 0
	for _, u := range up {
		if u {
			n++
		}
	}
	return n
}

// serverStatesUp asks the runtime API for "show servers state" and maps
// each backend to whether its first server is running (srv_op_state 2).
func serverStatesUp(t *testing.T, sock string) map[string]bool {
	t.Helper()
	up := map[string]bool{}
	for _, line := range strings.Split(runtimeAPI(t, sock, "show servers state"), "\n") {
		f := strings.Fields(line)
		if len(f) > 5 && !strings.HasPrefix(f[0], "#") {
			up[f[1]] = f[5] == "2"
		}
	}
	return up
}

// runtimeAPI sends one command to HAProxy's stats socket, waiting up to 2s
// for the socket to appear, and returns the answer.
func runtimeAPI(t *testing.T, sock, command string) string {
	t.Helper()
	var c net.Conn
	var err error
	for i := 0; i < 40; i++ {
		if c, err = net.Dial("unix", sock); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("runtime API: %v", err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := fmt.Fprint(c, command+"\n"); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	sc := bufio.NewScanner(c)
	for sc.Scan() {
		b.WriteString(sc.Text() + "\n")
	}
	return b.String()
}

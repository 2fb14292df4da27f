package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
)

// TestExternalCheckForkOnHAProxy backs HG310 against real HAProxy 2.6 run
// by an unprivileged user: without insecure-fork-wanted every external
// check fails to fork and the server goes DOWN; with it the check runs and
// the server stays UP. (HAProxy 3.4.0 crashes with SIGSEGV on any
// configuration with option external-check, at startup and under -c; see
// the agreement test's known disagreements.)
func TestExternalCheckForkOnHAProxy(t *testing.T) {
	bin := testbin.HAProxy(t, "2.6")
	for fork, wantUp := range map[string]bool{"": false, "insecure-fork-wanted": true} {
		if got := externalCheckUp(t, bin, fork, wantUp); got != wantUp {
			t.Errorf("global %q: server UP = %v, want %v", fork, got, wantUp)
		}
	}
}

// externalCheckUp runs an external check of /bin/true as user nobody (when
// the test runs as root; otherwise the test's own user is unprivileged
// already) and returns whether the server is UP once the checks had time
// to decide, polling up to 5s for the state it expects.
func externalCheckUp(t *testing.T, bin, globalLine string, expect bool) bool {
	t.Helper()
	dir := t.TempDir()
	sock := filepath.Join(dir, "admin.sock")
	user := ""
	if os.Geteuid() == 0 {
		user = "user nobody"
	}
	front := freeLoopbackPort(t)
	cfg := fmt.Sprintf(`global
    stats socket %s mode 666 level admin
    external-check
    %s
    %s
defaults
    mode http
    timeout connect 1s
    timeout client 5s
    timeout server 5s
    timeout check 1s
frontend fe
    bind 127.0.0.1:%d
    http-request return status 200
backend be
    option external-check
    external-check command /bin/true
    server s1 127.0.0.1:%d check inter 200
`, sock, user, globalLine, front, front)
	defer testbin.RunHAProxy(t, bin, cfg)()
	time.Sleep(time.Second)
	deadline := time.Now().Add(5 * time.Second)
	for {
		up := serverStatesUp(t, sock)["be"]
		if up == expect || time.Now().After(deadline) {
			return up
		}
		time.Sleep(200 * time.Millisecond)
	}
}

package testbin

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// LTSVersions are the HAProxy long-term-support branches hapguard supports,
// oldest first. Debian's package provides 2.6; the others are built from the
// source tarballs in ../shared/haproxy-src.
var LTSVersions = []string{"2.6", "2.8", "3.0", "3.2", "3.4"}

// HAProxy returns the path of a real HAProxy binary of the given branch
// ("2.6", "2.8", "3.0", "3.2" or "3.4"). 2.6 is Debian's package; the others
// come from ../shared/haproxy-src/build.sh, which builds each once per
// machine and caches it (.ci/run builds them all before the tests). In CI a
// missing binary fails the test; elsewhere the test is skipped with the
// command that would provide it.
func HAProxy(t testing.TB, branch string) string {
	t.Helper()
	if branch == "2.6" {
		bin := Require(t, "haproxy", "haproxy")
		if got := haproxyBranch(bin); got != "2.6" {
			missing(t, fmt.Sprintf("haproxy on PATH is %s, not 2.6 (apt-get install haproxy on Debian 12)", got))
		}
		return bin
	}
	script := filepath.Join(Shared(t), "haproxy-src", "build.sh")
	bin, err := cachedBuild(script, branch)
	if err != nil {
		missing(t, fmt.Sprintf("HAProxy %s: %v (run %s %s.0 to build it)", branch, err, script, branch))
	}
	return bin
}

// cachedBuild asks build.sh for the binary of branch's .0 release. build.sh
// prints the cached path at once when the binary exists; a missing binary is
// built only in CI (a build takes minutes), elsewhere it is reported.
func cachedBuild(script, branch string) (string, error) {
	version := branch + ".0"
	cache := os.Getenv("HAPROXY_CACHE")
	if cache == "" {
		cache = "/var/cache/hapguard-haproxy"
	}
	cached := filepath.Join(cache, version, "haproxy")
	if _, err := os.Stat(cached); err != nil && os.Getenv("CI") == "" {
		return "", fmt.Errorf("not built yet at %s", cached)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("bash", script, version)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("build.sh %s: %w: %s", version, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// haproxyBranch returns the "X.Y" that bin -v reports, or "unknown".
func haproxyBranch(bin string) string {
	out, err := exec.Command(bin, "-v").Output()
	if err != nil {
		return "unknown"
	}
	// "HAProxy version 2.6.12-1+deb12u2 2025/..." -> "2.6"
	fields := strings.Fields(string(out))
	if len(fields) < 3 {
		return "unknown"
	}
	parts := strings.SplitN(fields[2], ".", 3)
	if len(parts) < 2 {
		return "unknown"
	}
	return parts[0] + "." + parts[1]
}

// Shared returns the path of the shared folder beside the checkout
// (../shared from the repository root), which holds the HAProxy manuals,
// sources and corpora. In CI its absence fails the test with a message naming
// it; elsewhere the test is skipped.
func Shared(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(repoRoot(), "..", "shared")
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		missing(t, fmt.Sprintf("the shared folder %s (manuals, HAProxy sources, corpora) is missing beside the checkout", dir))
	}
	return dir
}

// repoRoot is the directory holding go.mod, found from this source file.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// missing fails the test in CI and skips it elsewhere.
func missing(t testing.TB, why string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("required in CI: %s", why)
	}
	t.Skipf("skipped: %s; this test runs in CI", why)
}

package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"time"

	"github.com/hapguard/hapguard/lint"
)

// haproxyBinaryEnv names the HAProxy binary whose version is assumed when
// neither --haproxy-version nor the configuration file gives one; "none"
// skips the look-up. Unset, haproxy is looked up on PATH.
const haproxyBinaryEnv = "HAPGUARD_HAPROXY"

// detectTimeout bounds `haproxy -v`.
const detectTimeout = 5 * time.Second

var haproxyVersionLine = regexp.MustCompile(`(?m)^HA-?Proxy version (\d+\.\d+)(\S*)`)

// detectVersion asks the local haproxy binary for its version (`haproxy
// -v`) and maps it to its LTS branch. ok is false when there is no binary
// or it does not answer like HAProxy.
func detectVersion() (lint.Version, lint.VersionSource, bool) {
	bin := os.Getenv(haproxyBinaryEnv)
	switch bin {
	case "none":
		return lint.Version{}, lint.VersionSource{}, false
	case "":
		bin = "haproxy"
	}
	path, err := exec.LookPath(bin)
	if err != nil {
		return lint.Version{}, lint.VersionSource{}, false
	}
	ctx, cancel := context.WithTimeout(context.Background(), detectTimeout)
	defer cancel()
	out, err := exec.CommandContext(ctx, path, "-v").Output()
	if err != nil {
		return lint.Version{}, lint.VersionSource{}, false
	}
	return versionFromBanner(path, string(out))
}

// versionFromBanner reads "HAProxy version 2.6.12-1+deb12u2 2025/..."
// and maps it with lint.LTSFor.
func versionFromBanner(path, out string) (lint.Version, lint.VersionSource, bool) {
	m := haproxyVersionLine.FindStringSubmatch(out)
	if m == nil {
		return lint.Version{}, lint.VersionSource{}, false
	}
	v, err := lint.ParseVersion(m[1])
	if err != nil {
		return lint.Version{}, lint.VersionSource{}, false
	}
	lts, _ := lint.LTSFor(v)
	return lts, lint.VersionFromBinary(path, v, m[1]+m[2], lts), true
}

// versionNote is the line printed on standard error when the version was
// guessed rather than given.
func versionNote(o lint.Options) string {
	return fmt.Sprintf("hapguard lint: checked as HAProxy %s (%s); set --haproxy-version or haproxy-version in %s to choose",
		o.HAProxyVersion, o.VersionSource, lint.ConfigFileName)
}

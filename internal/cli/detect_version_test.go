package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHAProxyVersionRefusesNonLTS(t *testing.T) {
	for _, v := range []string{"9.9", "3.3", "2.4", "3.4.0", "latest"} {
		code, _, stderr := run(t, "", "lint", "--haproxy-version", v, faulty)
		if code != ExitUsage || !strings.Contains(stderr, "want one of 2.6, 2.8, 3.0, 3.2, 3.4") {
			t.Errorf("--haproxy-version %s: exit %d, stderr %q; want exit %d and the list", v, code, stderr, ExitUsage)
		}
	}
}

func TestConfigFileVersionRefusedWithLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".hapguard.yaml")
	if err := os.WriteFile(path, []byte("fail-on: error\nhaproxy-version: \"3.3\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, "", "lint", "--config", path, faulty)
	if code != ExitUsage || !strings.Contains(stderr, path+":2: haproxy version \"3.3\" is not supported: want one of 2.6, 2.8, 3.0, 3.2, 3.4") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestVersionSourceStated checks where the version comes from, in order,
// and that a guessed one is pointed out on standard error.
func TestVersionSourceStated(t *testing.T) {
	dir := t.TempDir()
	fake := filepath.Join(dir, "haproxy")
	script := "#!/bin/sh\necho 'HAProxy version 3.3.1-abc 2026/01/01 - https://haproxy.org/'\n"
	if err := os.WriteFile(fake, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	cfgFile := filepath.Join(dir, ".hapguard.yaml")
	if err := os.WriteFile(cfgFile, []byte("haproxy-version: \"2.8\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, binary string
		args         []string
		want, note   string
	}{
		{"flag", fake, []string{"--haproxy-version", "3.0", "--config", cfgFile}, `"version": "3.0",
    "source": "flag"`, ""},
		{"config file", fake, []string{"--config", cfgFile}, `"version": "2.8",
    "source": "config-file",
    "detail": "haproxy-version in ` + cfgFile + `:1"`, ""},
		{"binary", fake, nil, `"version": "3.2",
    "source": "haproxy-binary"`, "checked as HAProxy 3.2 (" + fake + " -v reports 3.3.1-abc, not a supported LTS"},
		{"default", "none", nil, `"version": "3.4",
    "source": "default"`, "checked as HAProxy 3.4 (default"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(haproxyBinaryEnv, c.binary)
			args := append([]string{"lint", "--format", "json"}, c.args...)
			_, out, stderr := run(t, "", append(args, faulty)...)
			if !strings.Contains(out, c.want) {
				t.Errorf("json output lacks %q:\n%s", c.want, out)
			}
			if c.note == "" && stderr != "" || !strings.Contains(stderr, c.note) {
				t.Errorf("stderr = %q, want the note %q", stderr, c.note)
			}
		})
	}
}

func TestVersionFromBanner(t *testing.T) {
	cases := map[string]string{
		"HAProxy version 2.6.12-1+deb12u4 2026/10/17 - https://haproxy.org/": "2.6",
		"HAProxy version 3.3.1 2026/01/01":                                   "3.2",
		"HAProxy version 2.4.22 2023/01/01":                                  "2.6",
		"HAProxy version 3.5-dev1 2026/01/01":                                "3.4",
		"HA-Proxy version 2.9.0 2023/12/05":                                  "2.8",
	}
	for banner, want := range cases {
		v, _, ok := versionFromBanner("haproxy", banner+"\nStatus: ...\n")
		if !ok || v.String() != want {
			t.Errorf("%q: %s (ok %t), want %s", banner, v, ok, want)
		}
	}
	if _, _, ok := versionFromBanner("haproxy", "usage: something else"); ok {
		t.Error("a non-HAProxy banner was taken for a version")
	}
}

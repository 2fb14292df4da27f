package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestConfigFileErrorsNameTheLine(t *testing.T) {
	cases := map[string]string{
		"haproxy-version: \"2.6\"\nfail-on: loud\n":    ":2: unknown severity",
		"haproxy-version: two\n":                       ".hapguard.yaml:1: haproxy version",
		"fail-on: error\nhaproxy-version: \"9.9\"\n":   ".hapguard.yaml:2: haproxy version \"9.9\" is not supported: want one of 2.6, 2.8, 3.0, 3.2, 3.4",
		"thresholds:\n  min-server-timeout: soon\n":    ".hapguard.yaml:2: \"soon\" is not a duration",
		"haproxy-version: \"2.6\"\n\nrulez: [HG101]\n": ".hapguard.yaml:3: rulez: unknown key",
		"disable:\n  - HG101\n  - HG999\n":             ".hapguard.yaml:3: unknown rule \"HG999\"",
	}
	rules := []*Rule{{ID: "HG101", Name: "server-port-missing"}}
	for content, want := range cases {
		path := writeTemp(t, ".hapguard.yaml", content)
		fc, err := LoadConfigFile(path)
		if err == nil {
			err = fc.Apply(rules, &Settings{})
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("config %q: error %v, want it to contain %q", content, err, want)
		}
	}
}

func TestConfigFileApplies(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "prod.env"), []byte("# comment\nexport HOST=10.0.0.1\nPORT='8080'\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, ".hapguard.yaml")
	content := "haproxy-version: \"2.6\"\ndisable: [server-port-missing]\nseverity: {HG102: info}\n" +
		"thresholds: {min-server-timeout: 2s}\nenv: {PORT: \"9090\"}\nenv-file: prod.env\n"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	fc, err := LoadConfigFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r101, r102 := &Rule{ID: "HG101", Name: "server-port-missing"}, &Rule{ID: "HG102", Name: "server-port-invalid"}
	s := Settings{Options: DefaultOptions()}
	if err := fc.Apply([]*Rule{r101, r102}, &s); err != nil {
		t.Fatal(err)
	}
	want := Settings{Rules: []*Rule{r102}, Severity: map[string]Severity{"HG102": Info},
		Options: Options{HAProxyVersion: Version{2, 6}, VersionSource: VersionFromConfigFile(path, 1), MinServerTimeout: 2 * time.Second,
			Env: map[string]string{"HOST": "10.0.0.1", "PORT": "9090"}}}
	if diff := cmp.Diff(want, s, cmp.Comparer(func(a, b *Rule) bool { return a == b }),
		cmp.Comparer(func(a, b RuleResolver) bool { return true })); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}
	if got := FindConfigFile(filepath.Join(dir)); got != path {
		t.Errorf("FindConfigFile = %q, want %q", got, path)
	}
}

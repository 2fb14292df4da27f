package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/lint/report"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// run executes the command line in-process and returns its exit code and
// outputs.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, Stdio{In: strings.NewReader(stdin), Out: &out, Err: &errOut})
	return code, out.String(), errOut.String()
}

const faulty = "../../testdata/report/faulty.cfg"

// TestFormatsGolden produces every format for the same faulty configuration
// and compares it with its golden file (go test -update rewrites them).
func TestFormatsGolden(t *testing.T) {
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			code, got, stderr := run(t, "", "lint", "--format", format, "--color", "never", faulty)
			if code != ExitFindings {
				t.Fatalf("exit code = %d, want %d; stderr: %s", code, ExitFindings, stderr)
			}
			golden := filepath.Join("..", "..", "testdata", "report", "golden", format+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("read golden file (run go test -update): %v", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s output differs from %s (-want +got):\n%s", format, golden, diff)
			}
		})
	}
}

// TestSecretsNeverPrinted plants credentials on lines with findings and
// greps every format's output for them.
func TestSecretsNeverPrinted(t *testing.T) {
	secrets := []string{"Sup3rS3cretStats", "Hunter2Hunter2", "tok3nV4lueXYZ", "QmFzaWNTZWNyZXQ",
		"DbPassw0rdValue", "SaltSaltHashValue"}
	for _, format := range report.Formats() {
		code, out, stderr := run(t, "", "lint", "--format", format, "../../testdata/report/secrets.cfg")
		if code != ExitFindings || out == "" {
			t.Fatalf("%s: exit %d, empty output %v; stderr: %s", format, code, out == "", stderr)
		}
		for _, s := range secrets {
			if strings.Contains(out+stderr, s) {
				t.Errorf("%s output leaks secret %q:\n%s", format, s, out)
			}
		}
	}
}

func TestExitCodes(t *testing.T) {
	clean := "../../testdata/rules/HG003/valid_escapes.cfg"
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"findings", []string{"lint", faulty}, ExitFindings},
		{"below fail-on", []string{"lint", "--fail-on", "error", "--format", "json", clean}, ExitOK},
		{"unknown flag", []string{"lint", "--nope", faulty}, ExitUsage},
		{"no input", []string{"lint"}, ExitUsage},
		{"bad format", []string{"lint", "--format", "yaml", faulty}, ExitUsage},
		{"bad version", []string{"lint", "--haproxy-version", "two", faulty}, ExitUsage},
		{"missing file", []string{"lint", "does/not/exist.cfg"}, ExitUnreadable},
		{"directory without cfg files", []string{"lint", "."}, ExitUnreadable},
		{"unknown command", []string{"frobnicate"}, ExitUsage},
		{"explain unknown", []string{"explain", "HG999"}, ExitUsage},
		{"explain by name", []string{"explain", "lexical-fault"}, ExitOK},
	}
	for _, c := range cases {
		if code, _, stderr := run(t, "", c.args...); code != c.want {
			t.Errorf("%s: exit %d, want %d (stderr: %s)", c.name, code, c.want, stderr)
		}
	}
}

func TestStdinFilename(t *testing.T) {
	data, err := os.ReadFile(faulty)
	if err != nil {
		t.Fatal(err)
	}
	_, out, _ := run(t, string(data), "lint", "--stdin-filename", "etc/haproxy/haproxy.cfg", "-")
	if !strings.HasPrefix(out, "etc/haproxy/haproxy.cfg:2:1: error:") {
		t.Errorf("stdin findings not reported under the given name:\n%s", out)
	}
}

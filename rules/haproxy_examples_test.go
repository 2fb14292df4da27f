package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hapguard/hapguard/lint"
)

// TestHAProxyRejectsBadExamples checks the claim Doc.HAProxyRejects makes
// for every rule that sets it: haproxy -c rejects the rule's Bad example
// and accepts its Good one. Examples without a defaults section get a
// minimal one (mode http and the three timeouts) before their first proxy;
// the rule must still fire on the wrapped Bad and stay silent on the
// wrapped Good, so the wrapping cannot change what is tested. Where it
// would, write Bad and Good as complete configurations.
func TestHAProxyRejectsBadExamples(t *testing.T) {
	bin := requireHAProxy(t)
	type example struct{ rule, kind, text string }
	var examples []example
	for _, r := range All() {
		if !r.Doc.HAProxyRejects {
			continue
		}
		for kind, text := range map[string]string{"Bad": r.Doc.Bad, "Good": r.Doc.Good} {
			cfg := completeExample(text)
			if fires := ruleFires(t, r, cfg); fires != (kind == "Bad") {
				t.Errorf("%s: the rule %s on its %s example as checked (Bad and Good must be complete configurations, or become complete with a defaults section):\n%s",
					r.ID, map[bool]string{true: "fires", false: "does not fire"}[fires], kind, cfg)
				continue
			}
			examples = append(examples, example{r.ID, kind, cfg})
		}
	}
	sem := make(chan struct{}, haproxyWorkers)
	for _, ex := range examples {
		t.Run(ex.rule+"/"+ex.kind, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "example.cfg")
			if err := os.WriteFile(path, []byte(ex.text), 0o600); err != nil {
				t.Fatal(err)
			}
			sem <- struct{}{}
			v := runHAProxyCheck(t, bin, []string{path}, nil)
			<-sem
			switch {
			case v.err != nil:
				t.Fatalf("haproxy -c: %v", v.err)
			case ex.kind == "Bad" && !v.rejected():
				t.Errorf("Doc.HAProxyRejects is set but haproxy -c accepts the Bad example (exit %d):\n%s", v.exit, ex.text)
			case ex.kind == "Good" && !v.accepted():
				t.Errorf("haproxy -c rejects the Good example (exit %d): %s\n%s", v.exit, v.alert, ex.text)
			}
		})
	}
}

// exampleDefaults is what completeExample adds to an example without a
// defaults section.
const exampleDefaults = "defaults\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n"

var proxyHeader = regexp.MustCompile(`^\s*(frontend|backend|listen)\b`)

// completeExample adds exampleDefaults before the first proxy section of a
// documentation example that has no defaults section; directives above the
// first proxy stay where they are.
func completeExample(text string) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	for _, l := range lines {
		if f := strings.Fields(l); len(f) > 0 && f[0] == "defaults" {
			return text + "\n"
		}
	}
	for i, l := range lines {
		if proxyHeader.MatchString(l) {
			head := strings.Join(lines[:i], "\n")
			if head != "" {
				head += "\n"
			}
			return head + exampleDefaults + strings.Join(lines[i:], "\n") + "\n"
		}
	}
	return exampleDefaults + strings.Join(lines, "\n") + "\n"
}

// ruleFires lints text with r alone.
func ruleFires(t *testing.T, r *lint.Rule, text string) bool {
	t.Helper()
	opts := lint.DefaultOptions()
	cfg := lint.Load([]lint.Input{{Name: "example.cfg", Data: []byte(text)}}, opts)
	diags, err := lint.Run(cfg, []*lint.Rule{r}, opts)
	if err != nil {
		t.Fatalf("%s: internal fault on its example: %v", r.ID, err)
	}
	return len(diags) > 0
}

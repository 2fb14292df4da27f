package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hapguard/hapguard/internal/testbin"
	"github.com/hapguard/hapguard/lint"
)

// TestHAProxyRejectsBadExamples checks the claim Doc.HAProxyRejects makes
// for every rule that sets it, against every LTS binary: each version
// whose check fires the rule on its Bad example rejects it (at least one
// must), and every version accepts the Good one. Examples without a
// defaults section get a minimal one (mode http and the three timeouts)
// before their first proxy; the rule must still stay silent on the wrapped
// Good, so the wrapping cannot change what is tested. Where it would,
// write Bad and Good as complete configurations.
func TestHAProxyRejectsBadExamples(t *testing.T) {
	type example struct {
		rule, kind, text string
		rejects          bool
	}
	byVersion := map[lint.Version][]example{}
	for _, r := range All() {
		if !r.Doc.HAProxyRejects {
			continue
		}
		bad, good := completeExample(r.Doc.Bad), completeExample(r.Doc.Good)
		if literalExamples[r.ID] {
			bad, good = r.Doc.Bad, r.Doc.Good
		}
		firesSomewhere := false
		for _, v := range lint.LTSVersions() {
			if ruleFires(t, r, good, v) {
				t.Errorf("%s fires on its Good example as HAProxy %s (Good must be a complete configuration, or become one with a defaults section):\n%s", r.ID, v, good)
			}
			fires := ruleFires(t, r, bad, v)
			firesSomewhere = firesSomewhere || fires
			byVersion[v] = append(byVersion[v], example{r.ID, "Good", good, false})
			if fires {
				byVersion[v] = append(byVersion[v], example{r.ID, "Bad", bad, true})
			}
		}
		if !firesSomewhere {
			t.Errorf("%s does not fire on its Bad example in any version:\n%s", r.ID, bad)
		}
	}
	sem := make(chan struct{}, haproxyWorkers)
	for _, v := range lint.LTSVersions() {
		t.Run(v.String(), func(t *testing.T) {
			t.Parallel()
			bin := testbin.HAProxy(t, v.String())
			for _, ex := range byVersion[v] {
				t.Run(ex.rule+"/"+ex.kind, func(t *testing.T) {
					t.Parallel()
					path := filepath.Join(t.TempDir(), "example.cfg")
					if err := os.WriteFile(path, []byte(ex.text), 0o600); err != nil {
						t.Fatal(err)
					}
					sem <- struct{}{}
					verdict := runHAProxyCheck(t, bin, []string{path}, nil)
					<-sem
					switch {
					case verdict.err != nil:
						t.Fatalf("haproxy -c: %v", verdict.err)
					case ex.rejects && !verdict.rejected():
						t.Errorf("the rule fires as HAProxy %s and Doc.HAProxyRejects is set, but haproxy %s -c accepts the Bad example (exit %d):\n%s", v, v, verdict.exit, ex.text)
					case !ex.rejects && !verdict.accepted():
						t.Errorf("haproxy %s -c rejects the Good example (exit %d): %s\n%s", v, verdict.exit, verdict.alert, ex.text)
					}
				})
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

// ruleFires lints text with r alone, as HAProxy version v.
func ruleFires(t *testing.T, r *lint.Rule, text string, v lint.Version) bool {
	t.Helper()
	opts := lint.DefaultOptions()
	opts.HAProxyVersion = v
	cfg := lint.Load([]lint.Input{{Name: "example.cfg", Data: []byte(text)}}, opts)
	diags, err := lint.Run(cfg, []*lint.Rule{r}, opts)
	if err != nil {
		t.Fatalf("%s: internal fault on its example: %v", r.ID, err)
	}
	return len(diags) > 0
}

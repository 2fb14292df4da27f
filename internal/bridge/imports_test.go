package bridge

import (
	"os/exec"
	"strings"
	"testing"
)

// TestAgentDoesNotImportTheLinter: the agent's packages (tests included)
// reach the linter only through this bridge, which they never import
// (DESIGN §1).
func TestAgentDoesNotImportTheLinter(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-test", "-f", "{{.ImportPath}}", "../../spoe/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for _, banned := range []string{"/hapguard/lint", "/hapguard/rules", "/hapguard/internal/bridge", "/hapguard/internal/cli"} {
			if strings.HasSuffix(pkg, banned) || strings.Contains(pkg, banned+"/") {
				t.Errorf("spoe/... depends on %s", pkg)
			}
		}
	}
}

// Package prometheus holds the Prometheus configuration shipped for fleets
// of hapguard agents; its tests run the real promtool on it.
package prometheus

import (
	"os/exec"
	"testing"

	"github.com/hapguard/hapguard/internal/testbin"
)

// TestAlertingRules checks hapguard-rules.yml with promtool and runs its
// unit tests (hapguard-rules.test.yml: two nodes, one backend, recovery,
// a dead agent, dropped events).
func TestAlertingRules(t *testing.T) {
	promtool := testbin.Require(t, "promtool", "prometheus")
	for _, args := range [][]string{
		{"check", "rules", "hapguard-rules.yml"},
		{"test", "rules", "hapguard-rules.test.yml"},
		{"check", "config", "prometheus.yml"},
	} {
		out, err := exec.Command(promtool, args...).CombinedOutput()
		if err != nil {
			t.Errorf("promtool %v: %v\n%s", args, err, out)
		}
	}
}

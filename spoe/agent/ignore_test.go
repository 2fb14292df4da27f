package agent

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/detect"
	"github.com/hapguard/hapguard/spoe/event"
	"github.com/hapguard/hapguard/spoe/wiring"
)

// TestIgnoredBackends: the agents' own backend (always) and the backends of
// detection.ignore_backends raise nothing; the others do.
func TestIgnoredBackends(t *testing.T) {
	cfg := detect.DefaultConfig()
	cfg.IgnoreBackends = []string{"be_maint"}
	det, err := newDetector(cfg, nil, prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	for _, backend := range []string{wiring.AgentsBackend, "be_maint", "be_app"} {
		det.Observe(event.Event{Kind: event.KindServerState, Source: event.SourceRuntime, Backend: backend,
			Server: "s1", State: event.StateDown, CheckStatus: "L4CON", Timings: event.Unknown})
	}
	var got []string
	for _, r := range det.Tick(time.Now()) {
		got = append(got, r.Kind+" "+r.Backend)
	}
	if len(got) != 1 || got[0] != "server_down be_app" {
		t.Errorf("transitions %v, want only server_down be_app", got)
	}
}

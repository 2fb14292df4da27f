package agent

import (
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/event"
)

// TestDetectorIsTheStoreOfAnomalies: what the API serves comes from the
// detector itself, firing first, then resolved.
func TestDetectorIsTheStoreOfAnomalies(t *testing.T) {
	cfg := DefaultConfig().Detection
	cfg.ResolveAfter = time.Second
	det, err := newDetector(cfg, nil, prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for i := range 6 {
		det.Observe(event.Event{Time: start.Add(time.Duration(i) * time.Millisecond), Kind: event.KindResponse, Source: event.SourceLog,
			Backend: "be_app", Server: "s1", Status: 502, TermState: [2]byte{'P', 'H'}, Cause: event.CauseInvalidResponse})
	}
	var fired []Report
	for i := 1; i <= 20 && len(fired) == 0; i++ {
		fired = det.Tick(start.Add(time.Duration(i) * 250 * time.Millisecond))
	}
	active, recent := det.Anomalies()
	if len(fired) == 0 || len(active) == 0 || len(recent) != 0 {
		t.Fatalf("after the errors: fired %v, active %v, recent %v", fired, active, recent)
	}
	if a := active[0]; a.Kind != "consecutive_5xx" || a.Server != "s1" || a.State != StateFiring || a.Summary == "" {
		t.Errorf("active anomaly %+v", a)
	}
	for i := 1; i <= 80; i++ {
		det.Tick(start.Add(5*time.Second + time.Duration(i)*250*time.Millisecond))
		if active, recent = det.Anomalies(); len(active) == 0 {
			break
		}
	}
	if len(active) != 0 || len(recent) != 1 || recent[0].State != StateResolved {
		t.Errorf("after clean time: active %v, recent %v; want none and the resolved one", active, recent)
	}
}

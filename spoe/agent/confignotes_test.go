package agent

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/hapguard/hapguard/spoe/confignote"
	"github.com/hapguard/hapguard/spoe/event"
)

// fixedExplainer answers one anomaly key with fixed notes.
type fixedExplainer struct {
	key   confignote.Anomaly
	notes []confignote.Note
}

func (f fixedExplainer) Explain(a confignote.Anomaly) []confignote.Note {
	if a == f.key {
		return f.notes
	}
	return nil
}

// TestPipelineNamesTheConfigLines: the explainer's notes reach the message,
// the store (the API), the log line and the notifier (Alertmanager); an
// anomaly the explainer has nothing for is left as it was.
func TestPipelineNamesTheConfigLines(t *testing.T) {
	note := confignote.Note{Rule: "HG402", Severity: "warning", File: "haproxy.cfg", Line: 41, Column: 20,
		Source: "timeout server 30", Message: "timeout server 30 has no unit, so it means 30 ms"}
	explained := Report{State: StateFiring, Kind: "consecutive_5xx", Backend: "be_api", Server: "s2", Cause: "server_timeout",
		Message: "server s2 in be_api did not answer within 'timeout server'", FiredAt: time.Unix(100, 0)}
	other := Report{State: StateFiring, Kind: "consecutive_5xx", Backend: "be_api", Server: "s1", Cause: "server_5xx",
		Message: "server s1 answered 5xx", FiredAt: time.Unix(100, 0)}
	det := &scriptedDetector{batches: [][]Report{{explained, other}}}
	var logs syncBuffer
	notifier := &recordingNotifier{}
	p, err := newPipeline(DefaultConfig(), event.NewQueue(8), det, prometheus.NewRegistry(), newTestLogger(&logs))
	if err != nil {
		t.Fatal(err)
	}
	p.notifier = notifier
	p.explainer = fixedExplainer{confignote.Anomaly{Kind: "consecutive_5xx", Cause: "server_timeout", Backend: "be_api", Server: "s2"},
		[]confignote.Note{note}}
	p.advance(time.Unix(101, 0))

	want := explained
	want.Config = []confignote.Note{note}
	want.Message += `; config: haproxy.cfg:41 "timeout server 30": timeout server 30 has no unit, so it means 30 ms [HG402]`
	if diff := cmp.Diff([]Report{want, other}, notifier.got); diff != "" {
		t.Errorf("notified (-want +got):\n%s", diff)
	}
	active, _ := p.store.snapshot()
	if len(active) != 2 || len(active[0].Config)+len(active[1].Config) != 1 {
		t.Errorf("store: want the note on exactly one of two anomalies, got %+v", active)
	}
	var line map[string]any
	first, _, _ := strings.Cut(logs.String(), "\n")
	if err := json.Unmarshal([]byte(first), &line); err != nil {
		t.Fatal(err)
	}
	if cfg, ok := line["config"].([]any); !ok || len(cfg) != 1 || cfg[0].(map[string]any)["rule"] != "HG402" {
		t.Errorf("log line config = %v, want the HG402 note", line["config"])
	}
	if n := strings.Count(logs.String(), `"config"`); n != 1 {
		t.Errorf("%d log lines carry config, want only the explained one", n)
	}
}

// TestAlertCarriesTheConfigLines: the Alertmanager alert gets a "config"
// annotation, one note per line.
func TestAlertCarriesTheConfigLines(t *testing.T) {
	r := Report{Config: []confignote.Note{
		{Rule: "HG301", File: "haproxy.cfg", Line: 12, Source: "server s2 10.0.0.2:80", Message: "no check"},
		{Rule: "HG512", File: "haproxy.cfg", Line: 9, Source: "retries 3", Message: "no redispatch"},
	}}
	want := `haproxy.cfg:12 "server s2 10.0.0.2:80": no check [HG301]` + "\n" + `haproxy.cfg:9 "retries 3": no redispatch [HG512]`
	if got := r.configText("\n"); got != want {
		t.Errorf("config annotation = %q, want %q", got, want)
	}
}

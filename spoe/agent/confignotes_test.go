package agent

import (
	"encoding/json"
	"github.com/hapguard/hapguard/internal/testnet"
	"strings"
	"testing"
	"time"

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

// TestReportsNameTheConfigLines: the explainer's notes reach the message
// and every output of a transition (log line, notifier) and the API's
// reports; an anomaly the explainer has nothing for is left as it was.
func TestReportsNameTheConfigLines(t *testing.T) {
	note := confignote.Note{Rule: "HG402", Severity: "warning", File: "haproxy.cfg", Line: 41, Column: 20,
		Source: "timeout server 30", Message: "timeout server 30 has no unit, so it means 30 ms"}
	ex := fixedExplainer{confignote.Anomaly{Kind: "consecutive_5xx", Cause: "server_timeout", Backend: "be_api", Server: "s2"},
		[]confignote.Note{note}}
	det, err := newDetector(DefaultConfig().Detection, ex, prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	var logs testnet.SyncBuffer
	notifier := &recordingNotifier{}
	p, err := newPipeline(DefaultConfig(), event.NewQueue(64), det, prometheus.NewRegistry(), newTestLogger(&logs))
	if err != nil {
		t.Fatal(err)
	}
	p.notifier = notifier
	start := time.Now()
	for i := range 6 {
		at := start.Add(time.Duration(i) * time.Millisecond)
		p.observe(event.Event{Time: at, Kind: event.KindResponse, Source: event.SourceLog, Backend: "be_api", Server: "s2",
			Status: 504, TermState: [2]byte{'s', 'H'}, Cause: event.CauseServerTimeout})
		p.observe(event.Event{Time: at, Kind: event.KindResponse, Source: event.SourceLog, Backend: "be_api", Server: "s1",
			Status: 500, Cause: event.CauseServerStatus})
	}
	for i := 1; i <= 20 && len(notifier.got) < 2; i++ {
		p.advance(start.Add(time.Duration(i) * 250 * time.Millisecond))
	}
	if len(notifier.got) != 2 {
		t.Fatalf("notified %d transitions, want 2: %+v", len(notifier.got), notifier.got)
	}
	const suffix = `; config: haproxy.cfg:41 "timeout server 30": timeout server 30 has no unit, so it means 30 ms [HG402]`
	for _, r := range notifier.got {
		explained := r.Server == "s2"
		if got := len(r.Config) == 1 && strings.HasSuffix(r.Message, suffix); got != explained {
			t.Errorf("%s: notes %v, message %q; want the HG402 note only on s2", r.Server, r.Config, r.Message)
		}
	}
	active, _ := det.Anomalies()
	for _, r := range active {
		if explained := r.Server == "s2"; (len(r.Config) == 1) != explained {
			t.Errorf("API report of %s: notes %v", r.Server, r.Config)
		}
	}
	var withConfig int
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var line map[string]any
		if err := json.Unmarshal([]byte(l), &line); err != nil {
			t.Fatal(err)
		}
		if cfg, ok := line["config"].([]any); ok {
			withConfig++
			if len(cfg) != 1 || cfg[0].(map[string]any)["rule"] != "HG402" || line["server"] != "s2" {
				t.Errorf("log line config = %v on %v", line["config"], line["server"])
			}
		}
	}
	if withConfig != 1 {
		t.Errorf("%d log lines carry config, want 1", withConfig)
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

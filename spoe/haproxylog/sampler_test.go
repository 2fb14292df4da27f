package haproxylog

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// logRecords decodes the JSON lines a slog.JSONHandler wrote.
func logRecords(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		delete(rec, "time")
		delete(rec, "level")
		out = append(out, rec)
	}
	return out
}

func TestSamplerLimitsUnparsableLinesPerMinute(t *testing.T) {
	var buf bytes.Buffer
	s := newSampler(slog.New(slog.NewJSONHandler(&buf, nil)), 2)
	start := time.Date(2026, 11, 23, 20, 0, 0, 0, time.UTC)
	for i := range 5 {
		s.sample(start.Add(time.Duration(i)*time.Second), []byte("junk"))
	}
	s.sample(start.Add(61*time.Second), []byte(strings.Repeat("y", 1000)))
	want := []map[string]any{
		{"msg": "unparsable HAProxy log line", "line": "junk", "length": 4.0},
		{"msg": "unparsable HAProxy log line", "line": "junk", "length": 4.0},
		{"msg": "unparsable HAProxy log lines not shown", "count": 3.0, "window": float64(time.Minute)},
		{"msg": "unparsable HAProxy log line", "line": strings.Repeat("y", sampleExcerpt), "length": 1000.0},
	}
	if diff := cmp.Diff(want, logRecords(t, &buf)); diff != "" {
		t.Errorf("log records (-want +got):\n%s", diff)
	}
}

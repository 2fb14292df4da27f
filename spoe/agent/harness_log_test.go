package agent

import (
	"encoding/json"
	"github.com/hapguard/hapguard/internal/testnet"
	"log/slog"
	"strings"
)

func newTestLogger(w *testnet.SyncBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// anomalyLines returns the decoded "anomaly firing"/"anomaly resolved" lines.
func anomalyLines(logs string) []map[string]any {
	var out []map[string]any
	for _, line := range strings.Split(logs, "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(line), &m) != nil {
			continue
		}
		if msg, _ := m["msg"].(string); strings.HasPrefix(msg, "anomaly ") {
			out = append(out, m)
		}
	}
	return out
}

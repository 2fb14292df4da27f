package haproxylog

import (
	"bytes"
	"net/http/httptest"
	"os/exec"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/hapguard/hapguard/internal/testbin"
)

// The listener's metrics pass `promtool check metrics` (naming conventions).
func TestMetricsPassPromtool(t *testing.T) {
	promtool := testbin.Require(t, "promtool", "prometheus")
	reg := prometheus.NewRegistry()
	l, err := NewListener(ListenerConfig{Addr: "udp://127.0.0.1:0", Sink: discardSink{}, Registerer: reg})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	l.handleDatagram([]byte(phLine), testNow)
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = bytes.NewReader(rec.Body.Bytes())
	if out, err := cmd.CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Fatalf("promtool check metrics: %v\n%s\n%s", err, out, rec.Body.String())
	}
}

package haproxylog

import (
	"testing"

	"github.com/hapguard/hapguard/spoe/event"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		status int
		term   string
		server string
		want   event.Cause
	}{
		{502, "PH--", "s1", event.CauseInvalidResponse},
		{502, "SH--", "s1", event.CauseServerAbort},
		{504, "sH--", "s1", event.CauseServerTimeout},
		{503, "SC--", "s1", event.CauseConnRefused},
		{502, "SC--", "s1", event.CauseConnRefused},
		{503, "SC--", "<NOSRV>", event.CauseNoServer},
		{503, "sC--", "s1", event.CauseConnectTimeout},
		{504, "sC", "s1", event.CauseConnectTimeout},
		{503, "sQ--", "<NOSRV>", event.CauseQueueTimeout},
		{503, "sQ--", "s1", event.CauseQueueTimeout},
		{200, "SD--", "s1", event.CauseAfterHeaders},
		{200, "sD--", "s1", event.CauseAfterHeaders},
		{200, "SL--", "s1", event.CauseAfterHeaders},
		{400, "CR--", "<NOSRV>", event.CauseClientAbort},
		{408, "cR--", "<NOSRV>", event.CauseClientAbort},
		{-1, "CH--", "s1", event.CauseClientAbort},
		{503, "CC--", "s1", event.CauseClientAbort},
		{200, "cD--", "s1", event.CauseClientAbort},
		{403, "PR--", "<NOSRV>", event.CauseProxyInternal},
		{500, "IH--", "s1", event.CauseProxyInternal},
		{503, "RC--", "s1", event.CauseProxyInternal},
		{200, "DD--", "s1", event.CauseProxyInternal},
		{200, "KD--", "s1", event.CauseProxyInternal},
		{200, "UD--", "s1", event.CauseProxyInternal},
		{302, "LR--", "<NOSRV>", event.CauseNone},
		{503, "LR--", "<NOSRV>", event.CauseNone},
		{500, "----", "s1", event.CauseServerStatus},
		{503, "--", "s1", event.CauseServerStatus},
		{503, "----", "<NOSRV>", event.CauseNoServer},
		{500, "----", "<NOSRV>", event.CauseProxyInternal},
		{200, "----", "s1", event.CauseNone},
		{404, "----", "s1", event.CauseNone},
		{500, "", "s1", event.CauseServerStatus},
		{200, "", "", event.CauseNone},
	}
	for _, tt := range tests {
		if got := Classify(tt.status, tt.term, tt.server); got != tt.want {
			t.Errorf("Classify(%d, %q, %q) = %v, want %v", tt.status, tt.term, tt.server, got, tt.want)
		}
	}
}

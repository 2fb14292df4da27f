package rules

import (
	"strings"
	"testing"

	"github.com/hapguard/hapguard/lint"
)

// TestClientPortBehindTLS: a clear-text server without a port behind a bind
// line that terminates TLS gets clear HTTP on the TLS port: a warning. The
// case needs a certificate haproxy -c could load, so it is not in testdata.
func TestClientPortBehindTLS(t *testing.T) {
	const cfg = "defaults\n    mode http\nlisten li\n    bind :80\n    bind :443 ssl crt /x.pem\n    server w1 10.0.0.3\n    server w2 10.0.0.4 ssl verify none\n"
	opts := lint.DefaultOptions()
	diags, err := lint.Run(lint.Load([]lint.Input{{Name: "t.cfg", Data: []byte(cfg)}}, opts), []*lint.Rule{ServerPortMissing}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 2 {
		t.Fatalf("want 2 findings, got %v", diags)
	}
	if d := diags[0]; d.Severity != lint.Warning || !strings.Contains(d.Message, "including 443 where TLS is terminated") {
		t.Errorf("clear-text server: got %s", d)
	}
	if d := diags[1]; d.Severity != lint.Info || !strings.Contains(d.Message, "(80, 443, from the bind lines)") {
		t.Errorf("TLS server: got %s", d)
	}
}

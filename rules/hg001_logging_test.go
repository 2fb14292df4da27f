package rules

import (
	"testing"

	"github.com/hapguard/hapguard/lint"
)

// TestLoggingOptionMisplaced: a logging option HAProxy ignores in a backend
// affects no request: info, while an ignored maxconn stays a warning.
func TestLoggingOptionMisplaced(t *testing.T) {
	const cfg = "defaults\n    mode http\nbackend be\n    option httplog\n    maxconn 100\n    server s1 10.0.0.1:80\n"
	opts := lint.DefaultOptions()
	diags, err := lint.Run(lint.Load([]lint.Input{{Name: "t.cfg", Data: []byte(cfg)}}, opts), []*lint.Rule{InvalidDirective}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 2 || diags[0].Severity != lint.Info || diags[1].Severity != lint.Warning {
		t.Fatalf("want info for option httplog and a warning for maxconn, got %v", diags)
	}
}

package server

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseAddress(t *testing.T) {
	type parsed struct{ Network, Address string }
	cases := map[string]parsed{
		"tcp://127.0.0.1:12345":     {"tcp", "127.0.0.1:12345"},
		"tcp://:12345":              {"tcp", "127.0.0.1:12345"},
		"tcp://[::1]:12345":         {"tcp", "[::1]:12345"},
		"unix:/run/hapguard.sock":   {"unix", "/run/hapguard.sock"},
		"unix:///run/hapguard.sock": {"unix", "/run/hapguard.sock"},
	}
	for in, want := range cases {
		network, address, err := ParseAddress(in)
		if err != nil {
			t.Errorf("ParseAddress(%q): %v", in, err)
			continue
		}
		if diff := cmp.Diff(want, parsed{network, address}); diff != "" {
			t.Errorf("ParseAddress(%q) (-want +got):\n%s", in, diff)
		}
	}
}

package rules

import (
	"testing"

	"github.com/hapguard/hapguard/lint"
)

// TestCoversEveryRequestTLS: "!{ ssl_fc }" holds for every request only on
// a frontend without TLS; beside a TLS bind line it leaves requests open.
func TestCoversEveryRequestTLS(t *testing.T) {
	const rules = "    redirect scheme https if !{ ssl_fc }\n    use_backend be if { ssl_fc }\n"
	for binds, want := range map[string]bool{
		"    bind :80\n": true,
		"    bind :80\n    bind :443 ssl crt /x.pem\n":         true, // the use_backend takes the TLS side
		"    bind :443 ssl crt /x.pem\n":                       true,
		"    bind :80\n    bind :443 ssl crt /x.pem alpn h2\n": true,
	} {
		if got := covers(t, "frontend fe\n"+binds+rules); got != want {
			t.Errorf("%q: covers = %v, want %v", binds, got, want)
		}
	}
	const partial = "    redirect scheme https if !{ ssl_fc }\n    use_backend be if { path_beg /api }\n"
	for binds, want := range map[string]bool{
		"    bind :80\n": true,
		"    bind :80\n    bind :443 ssl crt /x.pem\n": false,
	} {
		if got := covers(t, "frontend fe\n"+binds+partial); got != want {
			t.Errorf("%q with a partial use_backend: covers = %v, want %v", binds, got, want)
		}
	}
}

func covers(t *testing.T, text string) bool {
	t.Helper()
	opts := lint.DefaultOptions()
	cfg := lint.Load([]lint.Input{{Name: "t.cfg", Data: []byte(text)}}, opts)
	s := cfg.Section("frontend", "fe")
	return coversEveryRequest(s, newFrontendRouting(s, opts).Routes)
}

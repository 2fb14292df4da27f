package rules

import "github.com/hapguard/hapguard/lint"

// SSLWithoutCAFile reports TLS servers whose certificate must be verified
// but that have no CA file to verify it with.
var SSLWithoutCAFile = &lint.Rule{
	ID:       "HG601",
	Name:     "ssl-without-ca-file",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "TLS server verified without a CA file",
		Why: `Server certificates are verified by default ("ssl-server-verify required"),
and verifying needs a "ca-file". A server with "ssl" (or "check-ssl", even on
a default-server line) that has neither "ca-file" nor "verify none" makes
HAProxy refuse to start: "verify is enabled by default but no CA file
specified". "ca-base" only sets a directory for relative names and does not
count. A global "ssl-server-verify none" turns the default off, but an
explicit "verify required" still needs a CA file.`,
		Bad:            "backend be_api\n    server api1 10.0.0.1:443 ssl check",
		Good:           "backend be_api\n    server api1 10.0.0.1:443 ssl ca-file /etc/ssl/certs/ca-certificates.crt check",
		Fix:            "Add \"ca-file /path/to/ca.pem\" (or \"ca-file @system-ca\") to the server or a default-server line; use \"verify none\" only on a network you trust.",
		Manual:         "configuration.txt §5.2 \"ca-file\", \"verify\", \"ssl\"; §3.1 \"ssl-server-verify\"",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runSSLWithoutCAFile,
}

func runSSLWithoutCAFile(p *lint.Pass) error {
	for _, t := range tlsServers(p.Config) {
		if !t.PreparesTLS() {
			continue
		}
		if _, ok := t.View.Source("ca-file"); ok {
			continue
		}
		v := effectiveVerify(p.Config, t)
		if v.Mode != "required" {
			continue
		}
		how := "verify is required by default"
		if v.Directive != nil {
			how = "verify required (" + v.Directive.Pos().String() + ")"
		}
		p.ReportWord(t.Line().Directive, t.OwnWord("ssl"),
			"server %q uses TLS and %s but has no ca-file: HAProxy refuses to start; add ca-file, or \"verify none\" on a trusted network",
			t.Line().Name(), how)
	}
	return nil
}

package rules

import (
	"strconv"

	"github.com/hapguard/hapguard/lint"
)

// VerifyNone reports TLS servers whose certificates are not verified.
var VerifyNone = &lint.Rule{
	ID:       "HG603",
	Name:     "verify-none",
	Severity: lint.Info,
	Doc: lint.Doc{
		Title: "TLS server certificate not verified",
		Why: `"verify none" (or a global "ssl-server-verify none") accepts any certificate
from the server: TLS still encrypts, but anyone who can divert the traffic
can impersonate the server. It does not cause 5xx by itself; it often hides
a certificate problem that surfaces as 502 handshake failures the day
verification is turned on.`,
		Bad:    "backend be_api\n    server api1 10.0.0.1:443 ssl verify none check",
		Good:   "backend be_api\n    server api1 10.0.0.1:443 ssl verify required ca-file /etc/ssl/certs/ca-certificates.crt check",
		Fix:    "Use \"verify required\" with a \"ca-file\" (and \"sni\" or \"verifyhost\" so the name is checked).",
		Manual: "configuration.txt §5.2 \"verify\", \"ca-file\", \"verifyhost\"; §3.1 \"ssl-server-verify\"",
		Since:  "0.1.0",
	},
	Run: runVerifyNone,
}

func runVerifyNone(p *lint.Pass) error {
	reported := map[*lint.Directive]bool{}
	for _, t := range tlsServers(p.Config) {
		if !t.SSL() {
			continue
		}
		v := effectiveVerify(p.Config, t)
		if v.Mode != "none" || reported[v.Directive] {
			continue
		}
		reported[v.Directive] = true
		what := "server " + strconv.Quote(t.Line().Name()) + " does"
		if v.Directive != t.Line().Directive {
			what = "servers relying on this line (first: " + strconv.Quote(t.Line().Name()) + ") do"
		}
		p.ReportWord(v.Directive, v.Word, "%s not verify the TLS certificate: any certificate is accepted", what)
	}
	return nil
}

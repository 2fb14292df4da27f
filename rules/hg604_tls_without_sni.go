package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// TLSWithoutSNI reports TLS servers reached by host name that send no SNI,
// and servers whose TLS health checks send none while traffic does.
var TLSWithoutSNI = &lint.Rule{
	ID:       "HG604",
	Name:     "tls-without-sni",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "TLS server by host name without sni, or sni without check-sni",
		Why: `HAProxy sends no SNI unless "sni" says so; it never derives one from the
server's host name. Servers behind a name (CDNs, cloud load balancers,
ingress controllers, any TLS virtual hosting) then fail the handshake or
present a default certificate that "verify required" rejects: 502 for every
request. Health checks do not use "sni" either (manual §5.2 "check": "their
value is not used for health checks and one must use check-sni"): with "sni"
but no "check-sni", TLS checks fail the same way, the server is marked DOWN
and the backend answers 503 while the traffic itself would work. Servers
with "verify none" are not reported: no certificate name is checked, and a
server that picks its certificate by SNI still completes the handshake.`,
		Bad: "backend be_api\n    server api1 api.example.com:443 ssl verify required ca-file /etc/ssl/certs/ca-certificates.crt check",
		Good: "backend be_api\n    server api1 api.example.com:443 ssl verify required ca-file /etc/ssl/certs/ca-certificates.crt " +
			"sni str(api.example.com) check check-sni api.example.com",
		Fix:    "Add \"sni str(<host>)\" for traffic and \"check-sni <host>\" for TLS health checks.",
		Manual: "configuration.txt §5.2 \"sni\", \"check-sni\", \"check\", \"verify\"",
		Since:  "0.1.0",
	},
	Run: runTLSWithoutSNI,
}

func runTLSWithoutSNI(p *lint.Pass) error {
	for _, t := range tlsServers(p.Config) {
		if !t.SSL() || effectiveVerify(p.Config, t).Mode == "none" {
			continue // without verification, no name is checked: SNI changes nothing there
		}
		_, _, hasSNI := t.View.Option("sni")
		_, _, hasCheckSNI := t.View.Option("check-sni")
		needCheckSNI := t.ChecksOverTLS() && !hasCheckSNI
		sl := t.Line()
		switch host, byName := sniHost(p, t); {
		case !hasSNI && byName:
			extra := ""
			if needCheckSNI {
				extra = " and check-sni " + host + " for its TLS health checks"
			}
			p.ReportWord(sl.Directive, sl.AddrIndex,
				"server %q is reached by host name %q over TLS without \"sni\": HAProxy sends no SNI and name-based TLS servers fail the handshake; add sni str(%s)%s",
				sl.Name(), host, host, extra)
		case hasSNI && needCheckSNI:
			p.ReportWord(sl.Directive, t.OwnWord("sni"),
				"server %q sets \"sni\" but its TLS health checks send none (sni is not used for checks): add check-sni, or checks may fail and mark it DOWN",
				sl.Name())
		}
	}
	return nil
}

// sniHost returns the host name a server is addressed by, when it is one a
// static SNI fits: not an IP, socket, localhost, unknown variable or SRV
// label (whose targets vary).
func sniHost(p *lint.Pass, t tlsServer) (string, bool) {
	a := lint.ParseAddress(t.Line().Addr(), p.Options)
	if a.Family != lint.FamilyHostname || a.HostUnknown || a.Host == "" || strings.HasPrefix(a.Host, "_") {
		return "", false
	}
	n := namedServer{Host: a.Host}
	return a.Host, !n.Localhost()
}

package rules

import "github.com/hapguard/hapguard/lint"

// TLSPortMismatch reports TLS toward the plain HTTP port and plain HTTP
// toward the HTTPS port.
var TLSPortMismatch = &lint.Rule{
	ID:       "HG602",
	Name:     "tls-port-mismatch",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "TLS toward port 80, or plain HTTP toward port 443",
		Why: `A server with "ssl" on port 80 starts a TLS handshake with what is almost
always a plain HTTP listener; an HTTP backend without "ssl" on port 443 sends
clear HTTP to a TLS listener. Either way the server answers garbage or closes
the connection: HAProxy returns 502 (SH or SD termination), and health checks
on the same port mark the server DOWN, leaving 503. A TCP-mode server on 443
without "ssl" is normal TLS pass-through and is not reported.`,
		Bad:    "backend be_api\n    mode http\n    server api1 10.0.0.1:443 check",
		Good:   "backend be_api\n    mode http\n    server api1 10.0.0.1:443 ssl ca-file /etc/ssl/certs/ca-certificates.crt check",
		Fix:    "Add \"ssl\" (with ca-file or verify none) toward 443, drop it toward 80, or correct the port.",
		Manual: "configuration.txt §5.2 \"ssl\", \"no-ssl\"; §4 \"mode\"",
		Since:  "0.1.0",
	},
	Run: runTLSPortMismatch,
}

func runTLSPortMismatch(p *lint.Pass) error {
	for _, t := range tlsServers(p.Config) {
		sl := t.Line()
		a := lint.ParseAddress(sl.Addr(), p.Options)
		if a.IsSocket() || a.PortUnknown || !a.HasPort {
			continue
		}
		mode, _ := t.Section.Mode()
		switch {
		case t.SSL() && a.Port == "80":
			p.ReportWord(sl.Directive, t.OwnWord("ssl"),
				"server %q speaks TLS (\"ssl\") to port 80, the plain HTTP port: the handshake fails and requests get 502", sl.Name())
		case !t.SSL() && a.Port == "443" && mode == "http":
			p.ReportWord(sl.Directive, sl.AddrIndex,
				"server %q gets plain HTTP on port 443, the HTTPS port: add \"ssl\" or requests get 502", sl.Name())
		}
	}
	return nil
}

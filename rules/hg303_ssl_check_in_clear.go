package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// SSLCheckInClear reports TLS servers whose application-level checks go
// out in clear to the TLS port.
var SSLCheckInClear = &lint.Rule{
	ID:       "HG303",
	Name:     "ssl-check-in-clear",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "TLS server checked in clear on its TLS port",
		Why: `Checks of an "ssl" server use TLS only while they go to the server's own
address and port. Setting a check "port" or "addr" turns that off: the check
is sent in clear unless "check-ssl" is set. When that port is still the TLS
service (the same port, or "addr" alone), an HTTP or other application-level
check speaks plain text to a TLS listener, always fails, and every server is
marked DOWN: the backend answers 503 to everyone. A plain health port
elsewhere ("port 8081") is fine, and so is a bare connect check, which
succeeds in clear. HAProxy starts without a warning.`,
		Bad:    "backend be_app\n    option httpchk GET /health\n    server s1 10.0.0.1:443 ssl verify required ca-file /etc/ssl/certs/ca-certificates.crt check port 443",
		Good:   "backend be_app\n    option httpchk GET /health\n    server s1 10.0.0.1:443 ssl verify required ca-file /etc/ssl/certs/ca-certificates.crt check port 443 check-ssl",
		Fix:    "Add \"check-ssl\" (and \"check-sni\" if the server needs SNI), or drop the redundant \"port\"/\"addr\".",
		Manual: "configuration.txt §5.2 \"check\", \"check-ssl\", \"port\", \"addr\", \"ssl\"",
		Since:  "0.1.0",
	},
	Run: runSSLCheckInClear,
}

func runSSLCheckInClear(p *lint.Pass) error {
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		protocol, _ := checkProtocol(s)
		if !checkSpeaksFirst(s, protocol) {
			continue
		}
		for _, v := range s.EffectiveServers() {
			if !v.Checked() || !v.Flag("ssl", "no-ssl") || v.Flag("check-ssl", "no-check-ssl") {
				continue
			}
			o, own, ok := clearCheckToTLSPort(p, v)
			if !ok {
				continue
			}
			at := o.Index
			if !own { // set by default-server: point at this server
				at = v.Line.AddrIndex
			}
			p.ReportWord(v.Line.Directive, at,
				"server %q uses ssl, but %q makes its %s check go out in clear to the TLS port %d; add \"check-ssl\" or the server will be marked DOWN",
				v.Line.Name(), o.Name+" "+o.Value, checkName(protocol), serverAddrPort(p, v.Line).Port)
		}
	}
	return nil
}

// clearCheckToTLSPort returns the option that sends the check in clear to
// the server's own TLS port: a check "port" equal to the service port, or
// an "addr" with no "port"; own tells whether the server line sets it.
func clearCheckToTLSPort(p *lint.Pass, v lint.Server) (o lint.ServerOption, own, ok bool) {
	ap := serverAddrPort(p, v.Line)
	if ap.Kind != portNumber {
		return lint.ServerOption{}, false, false
	}
	if o, own, ok := v.Option("port"); ok {
		n, valid := checkPortOption(v)
		return o, own, valid && n == ap.Port
	}
	return v.Option("addr")
}

// checkSpeaksFirst reports whether the section's check sends application
// data, which fails against a TLS port in clear; a bare connect check and
// ssl-hello-chk (a clear TLS hello) work there.
func checkSpeaksFirst(s *lint.Section, protocol string) bool {
	switch protocol {
	case "", "ssl-hello-chk", "external-check":
		return false
	case "tcp-check", "httpchk":
		for _, d := range checkRuleLines(s, checkRuleKeyword(protocol)) {
			if d.Arg(1).Text() == "connect" && hasWord(d, "ssl") {
				return false // the rule set brings its own TLS
			}
		}
		if protocol == "tcp-check" {
			return tcpCheckSends(s)
		}
	}
	return true
}

func tcpCheckSends(s *lint.Section) bool {
	for _, d := range checkRuleLines(s, "tcp-check") {
		if a := d.Arg(1).Text(); strings.HasPrefix(a, "send") || strings.HasPrefix(a, "expect") {
			return true
		}
	}
	return false
}

func hasWord(d *lint.Directive, word string) bool {
	for _, w := range d.Words[1:] {
		if w.Text() == word {
			return true
		}
	}
	return false
}

func checkName(protocol string) string {
	if protocol == "httpchk" {
		return "HTTP"
	}
	return protocol
}

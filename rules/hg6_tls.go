package rules

import "github.com/hapguard/hapguard/lint"

// tlsServer is a backend or listen server with its effective options.
type tlsServer struct {
	View    lint.Server
	Section *lint.Section
}

// Line returns the server's own line.
func (t tlsServer) Line() *lint.ServerLine { return t.View.Line }

// SSL reports whether traffic to the server uses TLS ("ssl", last of
// "ssl"/"no-ssl" wins).
func (t tlsServer) SSL() bool { return t.View.Flag("ssl", "no-ssl") }

// PreparesTLS reports whether HAProxy builds a TLS context for the server,
// and so checks its verify settings: "ssl" or "check-ssl" anywhere on its
// line or its default-server lines, even when "no-ssl" turns it off again
// (haproxy 2.6 -c rejects "default-server ssl" + "server ... no-ssl"
// without a CA file).
func (t tlsServer) PreparesTLS() bool {
	return t.View.Mentions("ssl") || t.View.Mentions("check-ssl")
}

// ChecksOverTLS reports whether the server's health checks run over TLS:
// "check-ssl", or an "ssl" server whose checks go to its own address and
// port (a check "port" or "addr" turns check TLS off).
func (t tlsServer) ChecksOverTLS() bool {
	if !t.View.Checked() {
		return false
	}
	if t.View.Flag("check-ssl", "no-check-ssl") {
		return true
	}
	_, _, hasPort := t.View.Option("port")
	_, _, hasAddr := t.View.Option("addr")
	return t.SSL() && !hasPort && !hasAddr
}

// OwnWord returns the word index of the named option on the server's own
// line, else the server name's.
func (t tlsServer) OwnWord(name string) int {
	if o, ok := t.Line().Option(name); ok {
		return o.Index
	}
	return t.Line().NameIndex
}

// tlsServersKey is the Memo key of tlsServers.
type tlsServersKey struct{}

// tlsServers returns every server of every backend and listen section,
// computed once per configuration (callers must not modify the result).
func tlsServers(cfg *lint.Config) []tlsServer {
	return cfg.Memo(tlsServersKey{}, func() any { return buildTLSServers(cfg) }).([]tlsServer)
}

func buildTLSServers(cfg *lint.Config) []tlsServer {
	n := 0
	for _, s := range cfg.SectionsOf("backend", "listen") {
		n += len(s.EffectiveServers())
	}
	out := make([]tlsServer, 0, n)
	for _, s := range cfg.SectionsOf("backend", "listen") {
		for _, v := range s.EffectiveServers() {
			out = append(out, tlsServer{View: v, Section: s})
		}
	}
	return out
}

// verifySetting is the certificate verification in effect for a server
// and the directive that chose it (nil for HAProxy's default).
type verifySetting struct {
	Mode      string // "required" or "none"
	Directive *lint.Directive
	Word      int // word index of the value's option or keyword
}

// effectiveVerify returns the server's "verify", else the global
// "ssl-server-verify", else "required" (configuration manual §3.1
// "ssl-server-verify", §5.2 "verify").
func effectiveVerify(cfg *lint.Config, t tlsServer) verifySetting {
	if src, ok := t.View.Source("verify"); ok {
		return verifySetting{Mode: src.Option.Value, Directive: src.Directive(), Word: src.Option.Index}
	}
	if d := cfg.GlobalLookup("ssl-server-verify"); d != nil && len(d.Words) > 1 {
		return verifySetting{Mode: d.Arg(1).Text(), Directive: d, Word: 0}
	}
	return verifySetting{Mode: "required"}
}

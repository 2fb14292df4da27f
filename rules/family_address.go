package rules

import (
	"fmt"
	"iter"

	"github.com/hapguard/hapguard/lint"
)

// addressRules are the HG1xx rules: server addresses and ports.
func addressRules() []*lint.Rule {
	return []*lint.Rule{
		ServerPortMissing, ServerPortInvalid, ServerPortOffset, IPv6WithoutBrackets,
		MalformedAddress, UnsetEnvVar, WildcardServer, AddressPrefixTrouble, DuplicateServerAddress,
		PlaceholderAddress,
	}
}

// serverAddr is the address of one server or server-template line.
type serverAddr struct {
	d    *lint.Directive
	word int // index of the address word in d.Words
	addr lint.Address
	srv  lint.Server // the server with the options in effect for it
}

// pos and end span the address word.
func (s serverAddr) pos() lint.Pos { return s.d.PosOf(s.word) }
func (s serverAddr) end() lint.Pos { return s.d.EndOf(s.word) }

// name returns the server name (the prefix, for templates).
func (s serverAddr) name() string { return s.d.Arg(1).Text() }

// template reports whether the line is a server-template.
func (s serverAddr) template() bool { return s.d.Is("server-template") }

// serverAddrs yields the addresses of every server and server-template
// line of the sections that hold servers, in load order, without
// collecting them (large configurations hold hundreds of thousands).
func serverAddrs(p *lint.Pass) iter.Seq[serverAddr] {
	return func(yield func(serverAddr) bool) {
		for _, sec := range p.Config.Sections {
			if !sec.HasBackend() {
				continue
			}
			for _, v := range sec.EffectiveServers() {
				d, i := v.Line.Directive, v.Line.AddrIndex
				if i < 0 {
					continue
				}
				if !yield(serverAddr{d: d, word: i, addr: lint.ParseAddress(d.Words[i], p.Options), srv: v}) {
					return
				}
			}
		}
	}
}

// report records a finding on the address word.
func (s serverAddr) report(p *lint.Pass, sev lint.Severity, format string, args ...any) {
	p.Report(lint.Diagnostic{Pos: s.pos(), End: s.end(), Severity: sev, Message: fmt.Sprintf(format, args...)})
}

// knownPrefix reports whether the address has no prefix or one HAProxy
// knows; other rules leave unknown prefixes to HG108.
func knownPrefix(a lint.Address) bool {
	if a.Prefix == "" {
		return true
	}
	_, ok := lint.LookupAddressPrefix(a.Prefix)
	return ok
}

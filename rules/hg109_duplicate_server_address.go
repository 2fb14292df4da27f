package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// DuplicateServerAddress reports two servers of one backend on the same
// address and port.
var DuplicateServerAddress = &lint.Rule{
	ID:       "HG109",
	Name:     "duplicate-server-address",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "The same address and port twice in one backend",
		Why: `Two servers on the same address and port are usually a copy-paste slip: the
server meant to be the second one gets no traffic, the first gets double its
share, and when that one host fails both entries go down together, so the
backend has less redundancy than it shows (503 when it fails). Servers that
differ in how they connect (another "source" address, a way to get more
outgoing ports; another "sni", "ssl", "proto", "alpn" or PROXY protocol
setting) and server-template lines are not reported.`,
		Bad:    "backend be_app\n    server s1 10.0.0.1:8080 check\n    server s2 10.0.0.1:8080 check",
		Good:   "backend be_app\n    server s1 10.0.0.1:8080 check\n    server s2 10.0.0.2:8080 check",
		Fix:    "Correct the second server's address, or remove the duplicate.",
		Manual: "configuration.txt §4.2 \"server\", §5.2 \"source\"",
		Since:  "0.1.0",
	},
	Run: runDuplicateServerAddress,
}

func runDuplicateServerAddress(p *lint.Pass) error {
	var section *lint.Section
	// first holds the first server at each address of the section; shaped
	// the first per address and connection shape, filled only when two
	// servers share an address (rare), so most servers cost one map entry.
	first := map[addrKey]serverAddr{}
	shaped := map[shapedAddrKey]serverAddr{}
	for s := range serverAddrs(p) {
		if s.d.Section != section {
			section = s.d.Section
			clear(first)
			clear(shaped)
		}
		if s.template() || s.addr.Placeholder {
			continue // placeholders: HG110
		}
		key := addrKey{family: canonicalFamily(s.addr), host: s.addr.Host, port: s.addr.Port}
		prev, seen := first[key]
		if !seen {
			first[key] = s
			continue
		}
		if prev, dup := sameShape(shaped, key, prev, s); dup {
			s.report(p, 0, "server %q has the same address %q as server %q at %s", s.name(), s.addr.Text, prev.name(), prev.pos())
		}
	}
	return nil
}

type addrKey struct {
	family     string
	host, port string
}

type shapedAddrKey struct {
	addrKey
	shape string
}

// sameShape returns the first server at s's address that connects like s:
// first is the first server at that address, shaped the first per shape.
func sameShape(shaped map[shapedAddrKey]serverAddr, key addrKey, first, s serverAddr) (serverAddr, bool) {
	firstKey := shapedAddrKey{key, connectionShape(first)}
	if _, ok := shaped[firstKey]; !ok {
		shaped[firstKey] = first
	}
	k := shapedAddrKey{key, connectionShape(s)}
	if prev, ok := shaped[k]; ok {
		return prev, true
	}
	shaped[k] = s
	return serverAddr{}, false
}

// canonicalFamily names the address family so that spellings of the same
// endpoint compare equal (ipv4@10.0.0.1:80 and 10.0.0.1:80, unix@/s and /s).
func canonicalFamily(a lint.Address) string {
	switch a.Family {
	case lint.FamilyUnix:
		return "unix"
	case lint.FamilyABNS, lint.FamilyFD, lint.FamilyReverse:
		return lint.BasePrefix(a.Prefix)
	}
	return "inet"
}

// shapingOptions change what a connection to the same address reaches
// (another source address, TLS name, protocol): servers that differ in them
// are not duplicates.
var shapingOptions = []string{
	"alpn", "crt", "namespace", "no-ssl", "proto", "send-proxy", "send-proxy-v2", "send-proxy-v2-ssl",
	"send-proxy-v2-ssl-cn", "set-proxy-v2-tlv-fmt", "sni", "source", "ssl", "usesrc", "verifyhost", "ws",
}

// connectionShape returns the shaping options in effect for the server
// (its own and its default-server lines') as one string.
func connectionShape(s serverAddr) string {
	var b strings.Builder
	for _, name := range shapingOptions {
		if src, ok := s.srv.Source(name); ok {
			b.WriteString(name + "=" + src.Option.Value + "\x00")
		}
	}
	return b.String()
}

package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// H2Coherence reports servers whose HTTP/2 settings cannot work: ALPN
// without TLS, gRPC traffic sent as HTTP/1.1, and HTTP/1 health checks to
// HTTP/2-only servers.
var H2Coherence = &lint.Rule{
	ID:       "HG516",
	Name:     "h2-grpc-mismatch",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "alpn h2 without ssl, gRPC to a server without proto h2 or alpn h2, or proto h2 with an HTTP/1 check",
		Why: `HAProxy talks HTTP/1.1 to a server unless "proto h2" (clear text) or "ssl" with
"alpn h2" makes it speak HTTP/2. Three mistakes follow:
- "alpn h2" without "ssl" on a server: ALPN is a TLS extension, so it is
  ignored and the server gets HTTP/1.1; an HTTP/2-only server (gRPC, h2c)
  refuses it: 502. (On a bind line it is ignored too, but an HTTP frontend
  recognises HTTP/2 clients by their preface, so that is not reported;
  haproxy -c says nothing of either, 2.6 and 3.4.)
- gRPC needs HTTP/2 end to end (trailers, streams). A backend that receives
  gRPC (a route on content-type application/grpc, "grpc" in its name or
  rules, or a route on a gRPC method path such as "/pkg.Service/" from a
  frontend accepting HTTP/2) whose server has neither "proto h2" nor "ssl alpn h2" gets every
  call as HTTP/1.1: 502 for every call.
- A "proto h2" server checked in HTTP/1: "check-proto h1", or a tcp-check
  sending an HTTP/1 request line. Measured on 2.6.12 and 3.4.0 against an
  HTTP/2-only listener: such checks fail and the server is DOWN (503),
  while "option httpchk" alone uses the server's h2 and passes.`,
		Bad: `frontend fe_grpc
    bind 127.0.0.1:8443 ssl crt /etc/haproxy/site.pem alpn h2
    acl is_grpc req.hdr(content-type) -m beg application/grpc
    use_backend be_api if is_grpc
    default_backend be_api
backend be_api
    server api1 10.0.0.1:50051 check`,
		Good: `frontend fe_grpc
    bind 127.0.0.1:8443 ssl crt /etc/haproxy/site.pem alpn h2
    acl is_grpc req.hdr(content-type) -m beg application/grpc
    use_backend be_api if is_grpc
    default_backend be_api
backend be_api
    server api1 10.0.0.1:50051 check proto h2`,
		Fix: `Use "proto h2" for clear-text HTTP/2 servers, "ssl alpn h2" (with a CA or verify
setting) for TLS ones; drop "check-proto h1" and HTTP/1 tcp-check requests on
them ("option httpchk" follows the server's protocol).`,
		Manual: "configuration.txt §5.2 \"alpn\", \"proto\", \"check-proto\", \"check-alpn\", \"ssl\"; §4.2 \"option httpchk\", \"tcp-check send\"",
		Since:  "0.2.0",
	},
	Run: runH2Coherence,
}

func runH2Coherence(p *lint.Pass) error {
	rt := analyzeRouting(p.Config, p.Options)
	signs := grpcSigns()
	for _, s := range p.Config.SectionsOf("backend", "listen") {
		if mode, _ := s.Mode(); mode != "http" || proxyDisabled(s) {
			continue
		}
		grpc := trafficEvidence(rt, s, signs)
		for _, v := range s.EffectiveServers() {
			checkServerH2(p, s, v, grpc)
		}
	}
	return nil
}

func checkServerH2(p *lint.Pass, s *lint.Section, v lint.Server, grpc string) {
	d := v.Line.Directive
	tls := v.Flag("ssl", "no-ssl")
	alpn, _, hasALPN := v.Option("alpn")
	proto, _, hasProto := v.Option("proto")
	h2 := hasProto && proto.Value == "h2" || tls && hasALPN && alpnHasH2(alpn.Value)
	switch {
	case hasALPN && !tls && alpnHasH2(alpn.Value) && !h2:
		if src, ok := v.Source("alpn"); ok && src.Line == v.Line {
			p.ReportWord(d, src.Option.Index, "server %q has \"alpn %s\" without \"ssl\": ALPN needs TLS, so HAProxy speaks HTTP/1.1 to it and an HTTP/2-only server answers nothing usable (502); use \"proto h2\" for clear-text HTTP/2",
				v.Line.Name(), alpn.Value)
			return
		}
		p.ReportWord(d, 1, "server %q inherits \"alpn %s\" without \"ssl\": ALPN needs TLS, so HAProxy speaks HTTP/1.1 to it (502 from an HTTP/2-only server); use \"proto h2\"",
			v.Line.Name(), alpn.Value)
	case grpc != "" && !h2:
		p.ReportWord(d, 1, "%s %q carries gRPC (%s) but server %q gets HTTP/1.1 (no \"proto h2\", no \"ssl\" with \"alpn h2\"): gRPC needs HTTP/2, every call fails with 502",
			s.Kind, s.Name, grpc, v.Line.Name())
	case hasProto && proto.Value == "h2" && v.Checked():
		if why := http1Check(s, v); why != "" {
			p.ReportWord(d, 1, "server %q speaks clear-text HTTP/2 (proto h2) but is checked in HTTP/1 (%s): the check fails and the server is DOWN (503)",
				v.Line.Name(), why)
		}
	}
}

// grpcSigns are the signs of gRPC traffic: "grpc" in a backend name, the
// gRPC content type anywhere, or a gRPC method path ("/pkg.Service/...")
// in a route from a frontend that accepts HTTP/2; for one rule run.
func grpcSigns() trafficSigns {
	return trafficSigns{
		nameParts: []string{"grpc"},
		word: func(t string) bool {
			return len(t) >= len("application/grpc") && strings.Contains(strings.ToLower(t), "application/grpc")
		},
		routeWord: isGRPCPath,
		routeFrom: acceptsH2,
		acls:      map[aclSignKey]bool{},
		from:      map[*lint.Section]bool{},
	}
}

// grpcPath matches a gRPC method path or its service prefix:
// "/helloworld.Greeter/SayHello", "/grpc.health.v1.Health/".
var grpcPath = regexp.MustCompile(`^/[A-Za-z_]\w*(\.[A-Za-z_]\w*)*\.[A-Z]\w*/(\w*)$`)

// isGRPCPath reports whether a word is a gRPC method path; most words of
// route conditions are not even paths with a dot.
func isGRPCPath(w string) bool {
	return strings.HasPrefix(w, "/") && strings.Contains(w, ".") && grpcPath.MatchString(w)
}

// acceptsH2 reports whether a frontend has a bind line speaking HTTP/2:
// "proto h2", or "alpn" offering h2.
func acceptsH2(f *lint.Section) bool {
	for _, b := range f.Find("bind") {
		for i, w := range b.Words {
			next := b.Arg(i + 1).Text()
			if w.Text() == "proto" && next == "h2" || w.Text() == "alpn" && alpnHasH2(next) {
				return true
			}
		}
	}
	return false
}

// alpnHasH2 reports whether a comma-separated ALPN list offers h2.
func alpnHasH2(list string) bool {
	for _, p := range strings.Split(list, ",") {
		if p == "h2" {
			return true
		}
	}
	return false
}

// http1Check says how an h2 server is checked in HTTP/1, or "": an explicit
// "check-proto h1", or tcp-check rules sending an HTTP/1 request line
// (tcp-check does not take the server's protocol).
func http1Check(s *lint.Section, v lint.Server) string {
	if o, _, ok := v.Option("check-proto"); ok && o.Value == "h1" {
		return "check-proto h1"
	}
	if proto, _ := checkProtocol(s); proto != "tcp-check" {
		return ""
	}
	for _, d := range checkRuleLines(s, "tcp-check") {
		if (d.Is("tcp-check", "send") || d.Is("tcp-check", "send-lf")) && strings.Contains(d.Text(), "HTTP/1.") {
			return fmt.Sprintf("tcp-check send at %s", d.Pos())
		}
	}
	return ""
}

package rules

import "github.com/hapguard/hapguard/lint"

// ResolversTruncateSRV reports resolvers sections serving server-template
// or SRV servers with a DNS payload too small for the answer, or SRV
// records dropped the moment one answer omits them.
var ResolversTruncateSRV = &lint.Rule{
	ID:       "HG205",
	Name:     "resolvers-truncate-srv",
	Severity: lint.Warning,
	Doc: lint.Doc{
		Title: "Resolvers for server-template or SRV without a large payload or hold obsolete",
		Why: `HAProxy announces a DNS payload of 512 bytes unless "accepted_payload_size"
says otherwise. An answer listing the addresses of a server-template (SRV
records with their targets take about 80 bytes each) no longer fits: it comes
back truncated and servers are dropped from the backend. SRV answers may also
omit some records from one query to the next; with "hold obsolete" at its
default of 0s, the missing servers are removed at once and come back later,
so the live set flaps and requests meet 503s when too few remain.`,
		Bad: "resolvers dns\n    nameserver ns1 10.0.0.53:53\n\n" +
			"backend be_api\n    server-template api 10 _http._tcp.api.service.consul resolvers dns init-addr none check",
		Good: "resolvers dns\n    nameserver ns1 10.0.0.53:53\n    accepted_payload_size 8192\n    hold obsolete 30s\n\n" +
			"backend be_api\n    server-template api 10 _http._tcp.api.service.consul resolvers dns init-addr none check",
		Fix:    "Set \"accepted_payload_size 8192\" and, for SRV records, \"hold obsolete 30s\" (or more) in the resolvers section.",
		Manual: "configuration.txt §5.3.2 \"accepted_payload_size\", \"hold\"; §4.2 \"server-template\"",
		Since:  "0.1.0",
	},
	Run: runResolversTruncateSRV,
}

// defaultPayloadSize is what HAProxy announces without accepted_payload_size.
const defaultPayloadSize = 512

// resolverDemand is what the servers using one resolvers section need.
type resolverDemand struct {
	Payload    int // estimated answer size of the largest user
	PayloadBy  namedServer
	SRV        bool
	SRVBy      namedServer
	ReportedAt lint.OptionSource // the first server's resolvers option
}

func runResolversTruncateSRV(p *lint.Pass) error {
	demands, order := resolverDemands(p)
	for _, name := range order {
		reportResolverDemand(p, name, demands[name])
	}
	return nil
}

// resolverDemands collects, per resolvers name, the largest estimated answer
// and whether SRV labels are resolved through it.
func resolverDemands(p *lint.Pass) (map[string]*resolverDemand, []string) {
	demands := map[string]*resolverDemand{}
	var order []string
	for _, n := range namedServers(p) {
		res, ok := n.View.Source("resolvers")
		if !ok || !n.SRV && !n.Line().Template {
			continue
		}
		d := demands[res.Option.Value]
		if d == nil {
			d = &resolverDemand{ReportedAt: res}
			demands[res.Option.Value] = d
			order = append(order, res.Option.Value)
		}
		if size := estimatedAnswerSize(n); size > d.Payload {
			d.Payload, d.PayloadBy = size, n
		}
		if n.SRV && !d.SRV {
			d.SRV, d.SRVBy = true, n
		}
	}
	return demands, order
}

// estimatedAnswerSize estimates the DNS answer for every slot of a server:
// header and question, then about 80 bytes per SRV record with its target's
// address, 28 per A/AAAA record.
func estimatedAnswerSize(n namedServer) int {
	perRecord := 28
	if n.SRV {
		perRecord = 80
	}
	return 12 + len(n.Host) + 6 + perRecord*templateSlots(n.Line())
}

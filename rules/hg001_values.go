package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// enumArgs lists the values HAProxy accepts as the first argument of a few
// keywords whose typos are common. The value says which versions accept
// it: "all" (checked against HAProxy 2.6.12), or "2.7" for values only newer
// versions know. A value "(arg)" suffix is ignored ("hdr(host)").
var enumArgs = map[string]map[string]string{
	"mode": {"tcp": "all", "http": "all", "log": "2.7", "spop": "2.7"},
	"balance": {
		"roundrobin": "all", "static-rr": "all", "leastconn": "all", "first": "all", "source": "all",
		"uri": "all", "url_param": "all", "hdr": "all", "random": "all", "rdp-cookie": "all",
		"hash": "all", "log-hash": "2.7", "sticky": "2.7",
	},
	"http-reuse": {"never": "all", "safe": "all", "aggressive": "all", "always": "all"},
}

// checkEnumArg reports an unknown first argument of mode, balance or
// http-reuse; HAProxy refuses the configuration ("unknown proxy mode",
// "balance only supports ...").
func checkEnumArg(p *lint.Pass, d *lint.Directive) {
	allowed, ok := enumArgs[d.Keyword()]
	if ok && len(d.Words) < 2 && d.Keyword() == "mode" {
		p.ReportWord(d, 0, "\"mode\" without a value: HAProxy refuses the configuration (\"unknown proxy mode\")")
		return
	}
	if !ok || len(d.Words) < 2 || d.Words[1].HasVars() {
		return
	}
	value := d.Words[1].Text()
	if i := strings.IndexByte(value, '('); i > 0 {
		value = value[:i]
	}
	if since, known := allowed[value]; known && availableSince(since, p.Options.HAProxyVersion) {
		return
	}
	p.ReportWord(d, 1, "%q is not a value HAProxy %s accepts for %q: HAProxy refuses the configuration",
		d.Words[1].Text(), p.Options.HAProxyVersion, d.Keyword())
}

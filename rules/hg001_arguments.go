package rules

import "github.com/hapguard/hapguard/lint"

// cipherListKeywords take one colon-separated list; HAProxy refuses a list
// split by spaces ("cannot handle unexpected argument").
var cipherListKeywords = map[string]bool{
	"ssl-default-bind-ciphers": true, "ssl-default-bind-ciphersuites": true,
	"ssl-default-server-ciphers": true, "ssl-default-server-ciphersuites": true,
}

// checkArgumentCount reports lines whose number of arguments HAProxy
// refuses: a nameserver without a name, a cipher list split by spaces.
func checkArgumentCount(p *lint.Pass, d *lint.Directive) {
	switch kind := d.Section.Kind; {
	case kind == "resolvers" && d.Is("nameserver") && len(d.Words) == 2:
		p.ReportWord(d, 1, "\"nameserver\" expects a name and an address, and %q is only one of them: HAProxy refuses the configuration; write \"nameserver dns1 %s\"",
			d.Arg(1).Text(), d.Arg(1).Text())
	case kind == "global" && cipherListKeywords[d.Keyword()] && len(d.Words) > 2:
		p.ReportWord(d, 2, "%s takes one cipher list: %q after it is refused (\"cannot handle unexpected argument\"); join the ciphers with ':' instead of spaces",
			d.Keyword(), d.Arg(2).Text())
	case kind == "resolvers" && d.Is("nameserver") && len(d.Words) < 2:
		p.ReportWord(d, 0, "\"nameserver\" expects a name and an address: HAProxy refuses the configuration")
	}
}

// cipherOptions take one colon-separated cipher list on bind and server
// lines.
var cipherOptions = map[string]bool{"ciphers": true, "ciphersuites": true, "check-ciphers": true}

// cipherListHint explains an unknown option word that is the second half of
// a cipher list split by a space ("ciphers A B"), or returns "".
func cipherListHint(d *lint.Directive, i int) string {
	if i >= 2 && cipherOptions[d.Words[i-2].Text()] {
		return " (the " + d.Words[i-2].Text() + " list is split by a space: join the ciphers with ':')"
	}
	return ""
}

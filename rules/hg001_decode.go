package rules

import (
	"fmt"

	parser "github.com/haproxytech/config-parser/v5"
	"github.com/haproxytech/config-parser/v5/parsers"
	"github.com/haproxytech/config-parser/v5/parsers/http"
	"github.com/haproxytech/config-parser/v5/parsers/tcp"

	"github.com/hapguard/hapguard/lint"
)

// decodeProbe decodes the rule-like directives for which config-parser v5
// panics on a line cut short ("http-reuse" alone, "stick on" with no
// fetch, "content-type" with no value, "set-var(" with no name). Every such
// panic, measured against HAProxy 2.6, is a line HAProxy rejects too. The
// library's parse errors are not used: it refuses lines HAProxy accepts.
// The library parses a line in well under a microsecond: caching results
// by text cost more than it saved. A probe belongs to one run.
type decodeProbe struct {
	parsers map[string]parser.ParserInterface
	words   []string // reused for each line
}

func newDecodeProbe() *decodeProbe {
	dp := &decodeProbe{parsers: map[string]parser.ParserInterface{}}
	for _, p := range []parser.ParserInterface{
		&parsers.HTTPReuse{}, &parsers.Stick{}, &http.Requests{Mode: "listen"},
		&http.Responses{Mode: "listen"}, &http.AfterResponses{}, &http.HTTPErrors{},
		&tcp.Requests{}, &tcp.Responses{},
	} {
		p.Init()
		dp.parsers[p.GetParserName()] = p
	}
	return dp
}

// check reports a library panic on d as a malformed line, including the
// panics recorded while decoding server lines.
func (dp *decodeProbe) check(p *lint.Pass, d *lint.Directive) {
	if msg, ok := p.Config.DecodeFault(d); ok {
		reportMalformed(p, d, msg)
		return
	}
	pr, ok := dp.parsers[d.Keyword()]
	if !ok {
		return
	}
	if fault := dp.decode(pr, d); fault != "" {
		reportMalformed(p, d, fault)
	}
}

func (dp *decodeProbe) decode(pr parser.ParserInterface, d *lint.Directive) (fault string) {
	dp.words = dp.words[:0]
	for _, w := range d.Words {
		dp.words = append(dp.words, w.Text())
	}
	defer func() {
		if r := recover(); r != nil {
			fault = fmt.Sprint(r)
		}
	}()
	pr.Init()
	_, _ = pr.PreParse(lint.JoinWords(d.Words, " "), dp.words, nil, "")
	return ""
}

func reportMalformed(p *lint.Pass, d *lint.Directive, _ string) {
	p.Report(lint.Diagnostic{Pos: d.PosOf(0), End: d.EndOf(len(d.Words) - 1),
		Message: fmt.Sprintf("malformed %q line: incomplete or unknown arguments (it ends with %q); HAProxy refuses the configuration",
			d.Keyword(), d.Words[len(d.Words)-1].Text())})
}

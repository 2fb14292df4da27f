package rules

import (
	"strings"

	"github.com/hapguard/hapguard/lint"
)

// HTTPCheckHiddenHeaders reports "option httpchk" with headers smuggled
// into its version argument after a CRLF.
var HTTPCheckHiddenHeaders = &lint.Rule{
	ID:       "HG009",
	Name:     "httpchk-hidden-headers",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "option httpchk hides headers after \\r\\n in its version",
		Why: `Old configurations added a Host header to health checks by appending it to
the HTTP version of "option httpchk" ("HTTP/1.1\r\nHost:\ example.com").
HAProxy 2.6 accepts this with a deprecation warning; from 2.8 it refuses the
configuration ("hiding headers or body at the end of the version string is
unsupported. Use 'http-check send' directive instead"), so an upgrade fails
to load it. Checked against the 2.6, 2.8, 3.0, 3.2 and 3.4 binaries.`,
		Bad:            "backend be_app\n    option httpchk GET /health HTTP/1.1\\r\\nHost:\\ app.example.com\n    server s1 10.0.0.1:8080 check",
		Good:           "backend be_app\n    option httpchk\n    http-check send meth GET uri /health ver HTTP/1.1 hdr Host app.example.com\n    server s1 10.0.0.1:8080 check",
		Fix:            "Keep the method, URI and version on \"option httpchk\" and send headers with \"http-check send ... hdr <name> <value>\".",
		Manual:         "configuration.txt §4.2 \"option httpchk\", \"http-check send\"",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: runHTTPCheckHiddenHeaders,
}

func runHTTPCheckHiddenHeaders(p *lint.Pass) error {
	if !p.Options.HAProxyVersion.AtLeast(2, 8) {
		return nil // 2.6 only warns
	}
	for _, s := range p.Config.SectionsOf("defaults", "backend", "listen") {
		for _, d := range s.Find("option", "httpchk") {
			if len(d.Words) < 5 {
				continue // no version argument
			}
			if ver := d.Words[4].Text(); strings.ContainsAny(ver, "\r\n") {
				version, _, _ := strings.Cut(ver, "\r")
				version, _, _ = strings.Cut(version, "\n")
				p.ReportWord(d, 4, "option httpchk hides headers after its version %q (\\r\\n...): HAProxy %s refuses the configuration; send them with \"http-check send ... hdr\"",
					version, p.Options.HAProxyVersion)
			}
		}
	}
	return nil
}

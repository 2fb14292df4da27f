package rules

import "github.com/hapguard/hapguard/lint"

// LexicalFault reports lines HAProxy cannot even cut into words.
var LexicalFault = &lint.Rule{
	ID:       "HG003",
	Name:     "lexical-fault",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "Line that HAProxy cannot tokenize",
		Why: `An unterminated quote, a bad \xNN escape, a trailing backslash, a NUL byte or
more than 64 words on a line make HAProxy refuse the whole configuration: the
reload fails and, on a fresh start, nothing serves at all. HAProxy has no line
continuation: a trailing backslash does not join the next line.`,
		Bad:            "backend be_app\n    http-request set-header X-Env \"prod\n    server s1 10.0.0.1:8080 \\",
		Good:           "backend be_app\n    http-request set-header X-Env \"prod\"\n    server s1 10.0.0.1:8080",
		Fix:            "Close the quote, escape the character (\\\\, \\#, \\\", \\'), or write the directive on one line.",
		Manual:         "configuration.txt §2.2 (Quoting and escaping)",
		HAProxyRejects: true,
		Since:          "0.1.0",
	},
	Run: func(p *lint.Pass) error {
		reportFaults(p, lint.FaultLexical)
		return nil
	},
}

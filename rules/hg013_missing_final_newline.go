package rules

import "github.com/hapguard/hapguard/lint"

// MissingFinalNewline reports a file whose last line has no line feed.
var MissingFinalNewline = &lint.Rule{
	ID:       "HG013",
	Name:     "missing-final-newline",
	Severity: lint.Error,
	Doc: lint.Doc{
		Title: "File without a line feed at the end of its last line",
		Why: `HAProxy reads its configuration line by line and treats a last line without
a line feed as the sign of a truncated file: "Missing LF on last line, file
might have been truncated", a fatal alert in every version from 2.6 to 3.4
(checked against each binary), even when that line is a comment. The reload
fails and the old process keeps running the old configuration; a fresh start
serves nothing. Editors and templating tools that strip the final newline
cause it, and the file looks perfect in a review.`,
		Bad:    "backend be_app\n    server s1 10.0.0.1:8080",
		Good:   "backend be_app\n    server s1 10.0.0.1:8080\n",
		Fix:    "End the file with a newline (most editors: \"insert final newline\"; shell: echo >> haproxy.cfg).",
		Manual: "configuration.txt §2.1 \"Configuration file format\"; src/cfgparse.c readcfgfile()",
		Since:  "0.1.0",
	},
	Run: runMissingFinalNewline,
}

func runMissingFinalNewline(p *lint.Pass) error {
	for _, f := range p.Config.Files {
		if !f.MissingFinalLF {
			continue
		}
		n := f.LineCount()
		p.Report(lint.Diagnostic{
			Pos:     lint.Pos{File: f.Name, Line: n, Col: len(f.Line(n)) + 1},
			Message: "the last line has no line feed: HAProxy refuses the file (\"Missing LF on last line, file might have been truncated\"); end the file with a newline",
		})
	}
	return nil
}

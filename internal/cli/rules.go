package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/rules"
)

func runRules(args []string, std Stdio) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(std.Err)
	markdown := fs.Bool("markdown", false, "print the rule table as Markdown (as in the README)")
	if err := fs.Parse(args); err != nil {
		return usageExit(err)
	}
	if *markdown {
		fmt.Fprint(std.Out, RulesMarkdown(rules.All()))
		return ExitOK
	}
	tw := tabwriter.NewWriter(std.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tTITLE")
	for _, r := range rules.All() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, r.Doc.Title)
	}
	tw.Flush()
	return ExitOK
}

// RulesMarkdown renders the rule table kept in the README.
func RulesMarkdown(all []*lint.Rule) string {
	var b strings.Builder
	b.WriteString("| ID | name | severity | detects | HAProxy rejects |\n|---|---|---|---|---|\n")
	for _, r := range all {
		rejects := ""
		if r.Doc.HAProxyRejects {
			rejects = "yes"
		}
		fmt.Fprintf(&b, "| %s | `%s` | %s | %s | %s |\n", r.ID, r.Name, r.Severity, r.Doc.Title, rejects)
	}
	return b.String()
}

func runExplain(args []string, std Stdio) int {
	if isHelp(args) {
		fmt.Fprintln(std.Out, "usage: hapguard explain ID|NAME")
		return ExitOK
	}
	if len(args) != 1 {
		fmt.Fprintln(std.Err, "usage: hapguard explain ID|NAME")
		return ExitUsage
	}
	r, ok := rules.Lookup(args[0])
	if !ok {
		fmt.Fprintf(std.Err, "hapguard: no rule %q (see hapguard rules)\n", args[0])
		return ExitUsage
	}
	writeExplanation(std.Out, r)
	return ExitOK
}

func writeExplanation(w io.Writer, r *lint.Rule) {
	d := r.Doc
	fmt.Fprintf(w, "%s %s (%s)\n%s\n\n", r.ID, r.Name, r.Severity, d.Title)
	fmt.Fprintf(w, "Why:\n%s\n\n", indent(d.Why))
	fmt.Fprintf(w, "Bad:\n%s\n\nGood:\n%s\n\n", indent(d.Bad), indent(d.Good))
	fmt.Fprintf(w, "Fix:\n%s\n\nManual: %s\n", indent(d.Fix), d.Manual)
	if d.HAProxyRejects {
		fmt.Fprintln(w, "HAProxy itself rejects the bad example (haproxy -c fails).")
	}
	fmt.Fprintf(w, "Since: %s\n", d.Since)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ")
}

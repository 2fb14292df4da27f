// Package cli implements hapguard's command line: lint, rules, explain,
// agent and version.
package cli

import (
	"context"
	"fmt"
	"io"
)

// Version is hapguard's version.
const Version = "0.1.0"

// Stdio are the process's standard streams.
type Stdio struct {
	In       io.Reader
	Out, Err io.Writer
}

const usage = `usage: hapguard <command> [flags] [args]

commands:
  lint [flags] PATH...   check HAProxy configuration files, directories or - (stdin)
  rules                  list the rules
  explain ID|NAME        print a rule's documentation
  config check [FILE]    validate a .hapguard.yaml lint configuration file
  agent [flags]          run the SPOE agent (hapguard agent --help)
  version                print the version
`

// Main runs the command line and returns the process exit code.
func Main(ctx context.Context, args []string, io Stdio) int {
	if len(args) == 0 {
		fmt.Fprint(io.Err, usage)
		return ExitUsage
	}
	switch args[0] {
	case "lint":
		return runLint(args[1:], io)
	case "rules":
		return runRules(args[1:], io)
	case "explain":
		return runExplain(args[1:], io)
	case "config":
		return runConfig(args[1:], io)
	case "agent":
		return runAgent(ctx, args[1:], io)
	case "version", "--version":
		fmt.Fprintf(io.Out, "hapguard %s\n", Version)
		return ExitOK
	case "help", "-h", "--help":
		fmt.Fprint(io.Out, usage)
		return ExitOK
	}
	fmt.Fprintf(io.Err, "hapguard: unknown command %q\n\n%s", args[0], usage)
	return ExitUsage
}

package cli

import (
	"errors"
	"flag"
	"slices"
)

// Exit codes of every hapguard command, kept distinct as in actionlint.
const (
	ExitOK         = 0 // success: no finding at or above --fail-on, the check passed, or the agent stopped gracefully
	ExitFindings   = 1 // lint: findings at or above --fail-on
	ExitRuntime    = 1 // agent: failed to start or while running
	ExitUsage      = 2 // bad flags, arguments or configuration (file or value)
	ExitUnreadable = 3 // lint: an input could not be read
)

// usageExit is the exit code for a flag-parsing error: asking for help is
// a success, anything else a usage error (the flag package printed both).
func usageExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	return ExitUsage
}

// isHelp reports whether args is a lone request for help.
func isHelp(args []string) bool {
	return len(args) == 1 && slices.Contains([]string{"-h", "-help", "--help", "help"}, args[0])
}

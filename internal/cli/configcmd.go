package cli

import (
	"fmt"
	"os"

	"github.com/hapguard/hapguard/lint"
	"github.com/hapguard/hapguard/rules"
)

// runConfig implements `hapguard config check [FILE]`: validates a lint
// configuration file (the one found from the working directory up, if no
// FILE is given).
func runConfig(args []string, std Stdio) int {
	if isHelp(args) {
		fmt.Fprintln(std.Out, "usage: hapguard config check [FILE]")
		return ExitOK
	}
	if len(args) == 0 || args[0] != "check" || len(args) > 2 {
		fmt.Fprintln(std.Err, "usage: hapguard config check [FILE]")
		return ExitUsage
	}
	path := ""
	if len(args) == 2 {
		path = args[1]
	} else if wd, err := os.Getwd(); err == nil {
		path = lint.FindConfigFile(wd)
	}
	if path == "" {
		fmt.Fprintf(std.Err, "hapguard config: no %s found from the working directory up\n", lint.ConfigFileName)
		return ExitUsage
	}
	fc, err := lint.LoadConfigFile(path)
	if err == nil {
		var s lint.Settings
		err = fc.Apply(rules.All(), &s)
	}
	if err != nil {
		fmt.Fprintf(std.Err, "hapguard config: %v\n", err)
		return ExitUsage
	}
	fmt.Fprintf(std.Out, "%s: ok\n", path)
	return ExitOK
}

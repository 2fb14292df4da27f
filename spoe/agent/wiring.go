package agent

import (
	"fmt"
	"io"
)

// printHAProxyConfig runs `hapguard agent print-haproxy-config`.
func printHAProxyConfig(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "hapguard agent print-haproxy-config: not available yet")
	return ExitUsage
}

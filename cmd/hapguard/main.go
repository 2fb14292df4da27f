// Command hapguard keeps HAProxy from serving 502/503/504: `hapguard lint`
// checks haproxy.cfg before deploy, `hapguard agent` watches live traffic.
package main

import (
	"context"
	"os"

	"github.com/hapguard/hapguard/internal/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}

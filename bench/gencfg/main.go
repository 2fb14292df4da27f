// Command gencfg writes a large, valid HAProxy configuration for the lint
// benchmark (see internal/benchcfg).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/hapguard/hapguard/internal/benchcfg"
)

func main() {
	backends := flag.Int("backends", 1000, "number of backends")
	flag.Parse()
	if err := benchcfg.Write(os.Stdout, *backends); err != nil {
		fmt.Fprintln(os.Stderr, "gencfg:", err)
		os.Exit(1)
	}
}

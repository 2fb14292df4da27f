// Command nopagent is a do-nothing SPOE agent on the same library as
// hapguard's (github.com/negasus/haproxy-spoe-go v1.0.7): it acknowledges
// every message with the same one set-var and looks at nothing. bench/agent.sh
// runs HAProxy against it to get the baseline throughput hapguard is
// compared with. It is benchmark tooling, not hardened: never expose it.
package main

import (
	"flag"
	"fmt"
	"net"
	"os"

	"github.com/negasus/haproxy-spoe-go/action"
	"github.com/negasus/haproxy-spoe-go/agent"
	"github.com/negasus/haproxy-spoe-go/logger"
	"github.com/negasus/haproxy-spoe-go/request"
)

func main() {
	addr := flag.String("listen", "127.0.0.1:12345", "TCP address to listen on")
	flag.Parse()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nopagent:", err)
		os.Exit(1)
	}
	handler := func(req *request.Request) {
		req.Actions.SetVar(action.ScopeTransaction, "verdict", "ok")
	}
	if err := agent.New(handler, logger.NewNop()).Serve(ln); err != nil {
		fmt.Fprintln(os.Stderr, "nopagent:", err)
		os.Exit(1)
	}
}

// Command gencfg writes a large, valid HAProxy configuration for the lint
// benchmark: N backends of five health-checked servers each, and a frontend
// routing to every one of them by Host header.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
)

func main() {
	backends := flag.Int("backends", 1000, "number of backends")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	if err := write(w, *backends); err != nil {
		fmt.Fprintln(os.Stderr, "gencfg:", err)
		os.Exit(1)
	}
}

func write(w *bufio.Writer, n int) error {
	fmt.Fprint(w, `global
    maxconn 100000
    server-state-file /tmp/hapguard-bench.state

defaults
    mode http
    option redispatch
    retries 3
    maxconn 50000
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout check 2s
    timeout http-request 10s
    timeout queue 30s
    load-server-state-from-file global

frontend fe_main
    bind 127.0.0.1:8080
`)
	for i := range n {
		fmt.Fprintf(w, "    use_backend be_%d if { hdr(host) -i app%d.example.com }\n", i, i)
	}
	fmt.Fprint(w, "    default_backend be_0\n")
	for i := range n {
		fmt.Fprintf(w, "\nbackend be_%d\n    balance roundrobin\n    option httpchk\n    http-check send meth GET uri /health ver HTTP/1.1 hdr Host app%d.example.com\n", i, i)
		for s := range 5 {
			fmt.Fprintf(w, "    server s%d 10.%d.%d.%d:8080 check inter 2s fall 3 rise 2\n", s, (i>>8)&255, i&255, s+1)
		}
	}
	return w.Flush()
}

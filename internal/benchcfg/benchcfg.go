// Package benchcfg generates large, valid HAProxy configurations for
// benchmarks: N backends of five health-checked servers each, and a
// frontend routing to every one of them by Host header.
package benchcfg

import (
	"bufio"
	"fmt"
	"io"
)

const header = "global\n    maxconn 100000\n    server-state-file /tmp/hapguard-bench.state\n" +
	defaultsSection + "    maxconn 50000\n    load-server-state-from-file global\n" +
	"\nfrontend fe_main\n    bind 127.0.0.1:8080\n"

// Write writes a configuration of n backends to w.
func Write(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(header)
	for i := range n {
		fmt.Fprintf(bw, "    use_backend be_%d if { hdr(host) -i app%d.example.com }\n", i, i)
	}
	bw.WriteString("    default_backend be_0\n")
	for i := range n {
		fmt.Fprintf(bw, "\nbackend be_%d\n    balance roundrobin\n    option httpchk\n    http-check send meth GET uri /health ver HTTP/1.1 hdr Host app%d.example.com\n", i, i)
		for s := range 5 {
			fmt.Fprintf(bw, "    server s%d 10.%d.%d.%d:8080 check inter 2s fall 3 rise 2\n", s, (i>>8)&255, i&255, s+1)
		}
	}
	return bw.Flush()
}

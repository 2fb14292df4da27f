// Package benchcfg generates large, valid HAProxy configurations for
// benchmarks: N backends of five health-checked servers each, and a
// frontend routing to every one of them by Host header.
package benchcfg

import (
	"bufio"
	"fmt"
	"io"
)

const header = `global
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
`

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

package benchcfg

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// File is one generated configuration file.
type File struct {
	Name string
	Data []byte
}

// Shape is one way a configuration grows: Files(n) returns a valid
// configuration whose size grows linearly with n along one dimension
// (servers in a backend, routes in a frontend, sections, files...).
type Shape struct {
	Name string // short identifier, used by bench/gencfg -shape
	Doc  string // what grows with n
	// Files returns the configuration for size n, in load order.
	Files func(n int) []File
}

// Shapes returns every shape, in a fixed order.
func Shapes() []Shape {
	return []Shape{
		single("backends", "N backends of 5 checked servers, one frontend routing to each", Write),
		single("servers", "one backend with N checked servers", writeServers),
		single("acls", "one frontend with N acl + use_backend ... if", writeACLs),
		single("named-defaults", "N named defaults, N backends 'from' them, N routes", writeNamedDefaults),
		single("frontends", "N frontends", writeFrontends),
		single("set-header", "one backend with N http-request set-header", writeSetHeader),
		single("directives", "N mixed directives in one frontend", writeDirectives),
		single("defaults-chain", "N defaults, each 'from' the one before, N backends 'from' the last", writeDefaultsChain),
		{Name: "files", Doc: "N files of one backend each", Files: manyFiles},
		single("acl-lines", "one frontend with one ACL of N lines and N routes naming it", writeACLLines),
		single("binds", "one frontend with N bind lines and N routes", writeBinds),
		single("secrets", "N backends, each sending its own credential header and with a finding (unreachable)", writeSecrets),
		single("suppressions", "N backends, each with a finding (unreachable) silenced by a hapguard:ignore comment", writeSuppressions),
	}
}

// ShapeByName returns the shape called name.
func ShapeByName(name string) (Shape, bool) {
	for _, s := range Shapes() {
		if s.Name == name {
			return s, true
		}
	}
	return Shape{}, false
}

func single(name, doc string, write func(io.Writer, int) error) Shape {
	return Shape{Name: name, Doc: doc, Files: func(n int) []File {
		var buf bytes.Buffer
		if err := write(&buf, n); err != nil {
			panic(err) // a bytes.Buffer does not fail
		}
		return []File{{Name: name + ".cfg", Data: buf.Bytes()}}
	}}
}

// base is a global section and a complete anonymous defaults section.
const base = "global\n    maxconn 100000\n" + defaultsSection

// defaultsSection sets every timeout and the usual retry policy.
const defaultsSection = `
defaults
    mode http
    option redispatch
    retries 3
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    timeout check 2s
    timeout http-request 10s
    timeout queue 30s
`

const smallBackend = `
backend %s
    option httpchk
    http-check send meth GET uri /health ver HTTP/1.1 hdr Host %s.example.com
    server s1 10.0.0.1:8080 check
`

func writeServers(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(base + "\nfrontend fe\n    bind 127.0.0.1:8080\n    default_backend be\n\nbackend be\n" +
		"    option httpchk\n    http-check send meth GET uri /health ver HTTP/1.1 hdr Host app.example.com\n")
	for i := range n {
		fmt.Fprintf(bw, "    server s%d 10.%d.%d.%d:8080 check inter 2s\n", i, (i>>16)&255, (i>>8)&255, i&255)
	}
	return bw.Flush()
}

// routedBackends is how many backends the acls shape routes to.
const routedBackends = 16

func writeACLs(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(base + "\nfrontend fe\n    bind 127.0.0.1:8080\n")
	for i := range n {
		fmt.Fprintf(bw, "    acl host_%d hdr(host) -i app%d.example.com\n", i, i)
		fmt.Fprintf(bw, "    use_backend be_%d if host_%d\n", i%routedBackends, i)
	}
	return writeRoutedBackends(bw)
}

// writeRoutedBackends ends the routing frontend with its default_backend
// and writes the routedBackends backends its routes name.
func writeRoutedBackends(bw *bufio.Writer) error {
	bw.WriteString("    default_backend be_0\n")
	for i := range routedBackends {
		fmt.Fprintf(bw, smallBackend, fmt.Sprintf("be_%d", i), fmt.Sprintf("app%d", i))
	}
	return bw.Flush()
}

func writeNamedDefaults(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("global\n    maxconn 100000\n")
	for i := range n {
		fmt.Fprintf(bw, "\ndefaults d_%d\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n    timeout check 2s\n", i)
	}
	bw.WriteString("\nfrontend fe from d_0\n    bind 127.0.0.1:8080\n")
	for i := range n {
		fmt.Fprintf(bw, "    use_backend be_%d if { hdr(host) -i app%d.example.com }\n", i, i)
	}
	bw.WriteString("    default_backend be_0\n")
	for i := range n {
		fmt.Fprintf(bw, "\nbackend be_%d from d_%d\n    server s1 10.%d.%d.1:8080 check\n", i, i, (i>>8)&255, i&255)
	}
	return bw.Flush()
}

func writeFrontends(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(base)
	for i := range n {
		fmt.Fprintf(bw, "\nfrontend fe_%d\n    bind 127.0.0.1:%d\n    default_backend be\n", i, 10000+i%50000)
	}
	fmt.Fprintf(bw, smallBackend, "be", "app")
	return bw.Flush()
}

func writeSetHeader(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(base + "\nfrontend fe\n    bind 127.0.0.1:8080\n    default_backend be\n")
	fmt.Fprintf(bw, smallBackend, "be", "app")
	for i := range n {
		fmt.Fprintf(bw, "    http-request set-header X-H%d value-%d\n", i, i)
	}
	return bw.Flush()
}

// mixed are the directives the directives shape cycles through; %d is the
// line's index.
var mixed = []string{
	"    acl a%d path_beg /p%d\n",
	"    http-request set-header X-A%d v%d\n",
	"    http-request deny if { path /deny%d } { src 10.0.0.%d }\n",
	"    http-response set-header X-B%d v%d\n",
	"    http-request set-var(txn.v%d) str(x%d)\n",
	"    capture request header X-C%d len %d\n",
}

func writeDirectives(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(base + "\nfrontend fe\n    bind 127.0.0.1:8080\n")
	for i := range n {
		fmt.Fprintf(bw, mixed[i%len(mixed)], i, i%250+1)
	}
	bw.WriteString("    default_backend be\n")
	fmt.Fprintf(bw, smallBackend, "be", "app")
	return bw.Flush()
}

func writeDefaultsChain(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("global\n    maxconn 100000\n\ndefaults d_0\n    mode http\n    timeout connect 5s\n    timeout client 30s\n    timeout server 30s\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(bw, "\ndefaults d_%d from d_%d\n    timeout check %ds\n", i, i-1, i%9+1)
	}
	last := fmt.Sprintf("d_%d", max(n-1, 0))
	fmt.Fprintf(bw, "\nfrontend fe from %s\n    bind 127.0.0.1:8080\n", last)
	for i := range n {
		fmt.Fprintf(bw, "    use_backend be_%d if { hdr(host) -i app%d.example.com }\n", i, i)
	}
	bw.WriteString("    default_backend be_0\n")
	for i := range n {
		fmt.Fprintf(bw, "\nbackend be_%d from %s\n    server s1 10.%d.%d.1:8080 check\n", i, last, (i>>8)&255, i&255)
	}
	return bw.Flush()
}

func writeACLLines(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(base + "\nfrontend fe\n    bind 127.0.0.1:8080\n")
	for i := range n {
		fmt.Fprintf(bw, "    acl internal src 10.%d.%d.0/24\n", (i>>8)&255, i&255)
	}
	for i := range n {
		fmt.Fprintf(bw, "    use_backend be_%d if internal { path_beg /p%d }\n", i%routedBackends, i)
	}
	return writeRoutedBackends(bw)
}

func writeBinds(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(base + "\nfrontend fe\n")
	for i := range n {
		fmt.Fprintf(bw, "    bind 127.%d.%d.1:8080\n", (i>>8)&255, i&255)
	}
	for i := range n {
		fmt.Fprintf(bw, "    use_backend be_%d if { path_beg /svc%d.Api/ }\n", i%routedBackends, i)
	}
	return writeRoutedBackends(bw)
}

func writeSecrets(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(base + "\nfrontend fe\n    bind 127.0.0.1:8080\n    default_backend be_0\n")
	for i := range n {
		fmt.Fprintf(bw, "\nbackend be_%d\n    http-request set-header Authorization \"Bearer token-%08d\"\n    server s1 10.%d.%d.1:8080 check\n",
			i, i, (i>>8)&255, i&255)
	}
	return bw.Flush()
}

func writeSuppressions(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(base + "\nfrontend fe\n    bind 127.0.0.1:8080\n    default_backend be_0\n")
	for i := range n {
		fmt.Fprintf(bw, "\nbackend be_%d  # hapguard:ignore HG506 -- reached through the runtime API\n    server s1 10.%d.%d.1:8080 check\n",
			i, (i>>8)&255, i&255)
	}
	return bw.Flush()
}

func manyFiles(n int) []File {
	var head bytes.Buffer
	head.WriteString(base + "\nfrontend fe\n    bind 127.0.0.1:8080\n")
	for i := range n {
		fmt.Fprintf(&head, "    use_backend be_%d if { hdr(host) -i app%d.example.com }\n", i, i)
	}
	head.WriteString("    default_backend be_0\n")
	files := []File{{Name: "00-main.cfg", Data: head.Bytes()}}
	for i := range n {
		var b bytes.Buffer
		fmt.Fprintf(&b, smallBackend, fmt.Sprintf("be_%d", i), fmt.Sprintf("app%d", i))
		files = append(files, File{Name: fmt.Sprintf("be-%06d.cfg", i), Data: b.Bytes()})
	}
	return files
}

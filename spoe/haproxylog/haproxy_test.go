package haproxylog

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/hapguard/hapguard/internal/testbin"
)

// requireHAProxy returns the haproxy binary, skipping locally (failing in
// CI) when it is missing.
func requireHAProxy(t *testing.T) string {
	t.Helper()
	return testbin.Require(t, "haproxy", "haproxy")
}

// haproxyConfig sends every log line to one listener per framing,
// and routes /<fault> to a backend that misbehaves that way.
const haproxyConfig = `global
{{- range .Logs}}
    log {{.Addr}} format {{.Format}} local0
{{- end}}
defaults
    mode http
    log global
    timeout connect 500ms
    timeout client 5s
    timeout server 400ms
    timeout queue 200ms
    retries 2
frontend fe_std
    bind {{.StdBind}}
    option httplog
    use_backend be_%[path,field(2,/)]
frontend fe_rec
    bind {{.RecBind}}
    unique-id-format "{{.UniqueIDFormat}}"
    log-format "{{.LogFormat}}"
    use_backend be_%[path,field(2,/)]
listen tcp_in
    mode tcp
    option tcplog
    bind {{.TCPBind}}
    server s1 {{.OK}}
backend be_ok
    server s_ok {{.OK}}
backend be_error
    server s_err {{.Error}}
backend be_garbage
    server s_garbage {{.Garbage}}
backend be_abort
    server s_abort {{.Abort}}
backend be_hang
    server s_hang {{.Hang}}
backend be_refuse
    server s_refuse {{.Refused}}
backend be_queue
    server s_queue {{.Hang}} maxconn 1
backend be_nosrv
    server s_down {{.Refused}} check inter 100ms fall 1 rise 1
`

// logTarget is one `log` line: where to and in which format.
type logTarget struct{ Format, Addr string }

// haproxyPorts are the addresses the configuration is filled with.
type haproxyPorts struct {
	Logs                                     []logTarget
	StdBind, RecBind, TCPBind                string
	OK, Error, Garbage, Abort, Hang, Refused string
	UniqueIDFormat, LogFormat                string
}

// startHAProxy writes the configuration, checks it with `haproxy -c` and
// runs HAProxy in the foreground until the test ends.
func startHAProxy(t *testing.T, bin string, ports haproxyPorts) {
	t.Helper()
	var cfg bytes.Buffer
	template.Must(template.New("cfg").Parse(haproxyConfig)).Execute(&cfg, ports)
	path := filepath.Join(t.TempDir(), "haproxy.cfg")
	if err := os.WriteFile(path, cfg.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-c", "-f", path).CombinedOutput(); err != nil {
		t.Fatalf("haproxy -c: %v\n%s\n%s", err, out, cfg.String())
	}
	testbin.RunHAProxyFile(t, bin, path)
	waitListening(t, ports.StdBind)
}

// waitListening waits (bounded) until addr accepts TCP connections.
func waitListening(t *testing.T, addr string) {
	t.Helper()
	for range 100 {
		if c, err := net.DialTimeout("tcp", addr, 100*time.Millisecond); err == nil {
			c.Close()
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("haproxy never listened on %s", addr)
}

// freeTCPAddr returns a loopback TCP address that was free a moment ago.
func freeTCPAddr(t *testing.T) string { return closedAddr(t) }

// hostPort strips the scheme of a listener address for HAProxy's `log`.
func hostPort(addr string) string {
	return strings.TrimPrefix(strings.TrimPrefix(addr, "udp://"), "unixgram:")
}

// haproxyLogFormat escapes the recommended format for a quoted config line.
func haproxyLogFormat() string { return strings.ReplaceAll(RecommendedLogFormat, `"`, `\"`) }

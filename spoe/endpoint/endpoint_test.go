package endpoint

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var (
	stream   = Use{}
	datagram = Use{Datagram: true}
	dial     = Use{Dial: true}
	httpUse  = Use{NoUnix: true}
)

func TestParseAcceptsEveryForm(t *testing.T) {
	cases := []struct {
		in   string
		use  Use
		want Endpoint
	}{
		{"tcp://127.0.0.1:12345", stream, Endpoint{"tcp", "127.0.0.1:12345"}},
		{"tcp://:12345", stream, Endpoint{"tcp", "127.0.0.1:12345"}},
		{"tcp://[::1]:12345", stream, Endpoint{"tcp", "[::1]:12345"}},
		{"tcp://localhost:0", stream, Endpoint{"tcp", "localhost:0"}},
		{"127.0.0.1:9999", stream, Endpoint{"tcp", "127.0.0.1:9999"}},
		{"127.0.0.1:9999", datagram, Endpoint{"udp", "127.0.0.1:9999"}},
		{"ipv4@127.0.0.1:9999", stream, Endpoint{"tcp4", "127.0.0.1:9999"}},
		{"ipv4@127.0.0.1:9999", datagram, Endpoint{"udp4", "127.0.0.1:9999"}},
		{"ipv6@[::1]:9999", stream, Endpoint{"tcp6", "[::1]:9999"}},
		{"ipv6@::1:9999", stream, Endpoint{"tcp6", "[::1]:9999"}},
		{"ipv4@*:9999", stream, Endpoint{"tcp4", "0.0.0.0:9999"}},
		{"udp6://:514", datagram, Endpoint{"udp6", "[::1]:514"}},
		{"udp://0.0.0.0:514", datagram, Endpoint{"udp", "0.0.0.0:514"}},
		{"udp@127.0.0.1:514", datagram, Endpoint{"udp", "127.0.0.1:514"}},
		{"unix:/run/x.sock", stream, Endpoint{"unix", "/run/x.sock"}},
		{"unix:///run/x.sock", stream, Endpoint{"unix", "/run/x.sock"}},
		{"unix@/run/x.sock", stream, Endpoint{"unix", "/run/x.sock"}},
		{"uxst@/run/x.sock", stream, Endpoint{"unix", "/run/x.sock"}},
		{"/run/haproxy/admin.sock", dial, Endpoint{"unix", "/run/haproxy/admin.sock"}},
		{"unix@/dev/log", datagram, Endpoint{"unixgram", "/dev/log"}},
		{"unixgram:/run/log.sock", datagram, Endpoint{"unixgram", "/run/log.sock"}},
		{"unixgram:///run/log.sock", datagram, Endpoint{"unixgram", "/run/log.sock"}},
		{"uxdg@/run/log.sock", datagram, Endpoint{"unixgram", "/run/log.sock"}},
		{"127.0.0.1:9412", httpUse, Endpoint{"tcp", "127.0.0.1:9412"}},
	}
	for _, tc := range cases {
		got, err := Parse(tc.in, tc.use)
		if err != nil || got != tc.want {
			t.Errorf("Parse(%q, %+v) = %+v, %v; want %+v", tc.in, tc.use, got, err, tc.want)
		}
	}
}

func TestParseRefusesWithTheReason(t *testing.T) {
	cases := []struct {
		in   string
		use  Use
		want string
	}{
		{"", stream, "empty address"},
		{"tcp://127.0.0.1:99999", stream, `port "99999" is not a number in 0-65535`},
		{"udp://127.0.0.1:26140x", datagram, `port "26140x" is not a number in 0-65535`},
		{"127.0.0.1:0", dial, `port "0" is not a number in 1-65535`},
		{"127.0.0.1:http", dial, `port "http"`},
		{"127.0.0.1:+80", stream, `port "+80"`},
		{"localhost", dial, "want host:port"},
		{"tcp://127.0.0.1:5140", datagram, "wrong socket type here (want udp://host:port or unixgram:///path)"},
		{"udp://127.0.0.1:5140", stream, "wrong socket type"},
		{"ipv4@[::1]:80", stream, "::1 is not an IPv4 address"},
		{"ipv6@127.0.0.1:80", stream, "127.0.0.1 is not an IPv6 address"},
		{"unix@admin.sock", dial, "not absolute"},
		{"unix://relative.sock", stream, "not absolute"},
		{"unix@", stream, "empty socket path"},
		{"unix:///run/x.sock", httpUse, "a unix socket is not possible here"},
		{"abns@hapguard", stream, "unsupported address form"},
		{"fd@3", stream, "unsupported address form"},
		{"http://127.0.0.1:80", stream, "unsupported address form"},
		{"tcp://bad host:80", stream, "neither an IP address nor a host name"},
	}
	for _, tc := range cases {
		_, err := Parse(tc.in, tc.use)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q, %+v): error %v; want %q", tc.in, tc.use, err, tc.want)
		}
	}
}

func TestHAProxySyntax(t *testing.T) {
	for in, want := range map[string]string{
		"tcp://127.0.0.1:1": "127.0.0.1:1", "ipv6@[::1]:1": "ipv6@[::1]:1", "unix:///run/a.sock": "unix@/run/a.sock",
	} {
		e, err := Parse(in, stream)
		if err != nil || e.HAProxy() != want {
			t.Errorf("%q: HAProxy() = %q, %v; want %q", in, e.HAProxy(), err, want)
		}
	}
}

func TestCheckListenAgreesWithListen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		in    string
		use   Use
		valid bool
	}{
		{"tcp://127.0.0.1:0", stream, true},
		{"tcp://localhost:0", stream, true},
		{"udp://127.0.0.1:0", datagram, true},
		{"unix://" + filepath.Join(dir, "s.sock"), stream, true},
		{"unixgram://" + filepath.Join(dir, "g.sock"), datagram, true},
		{"tcp://192.0.2.1:0", stream, false},            // TEST-NET-1: not on this machine
		{"tcp://no-such-host.invalid:0", stream, false}, // never resolves
		{"unix://" + filepath.Join(dir, "missing", "s.sock"), stream, false},
		{"unix://" + file, stream, false},
		{"unix://" + filepath.Join(file, "s.sock"), stream, false},
	}
	for _, tc := range cases {
		e, err := Parse(tc.in, tc.use)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tc.in, err)
		}
		checkErr := e.CheckListen()
		listenErr := listenAndClose(e)
		if (checkErr == nil) != tc.valid || (listenErr == nil) != tc.valid {
			t.Errorf("%q: CheckListen %v, Listen %v; want valid=%v for both", tc.in, checkErr, listenErr, tc.valid)
		}
	}
}

func listenAndClose(e Endpoint) error {
	if e.Network == "udp" || e.Network == "unixgram" {
		c, err := e.ListenDatagram(0)
		if err == nil {
			c.Close()
		}
		return err
	}
	ln, err := e.Listen(0)
	if err == nil {
		ln.Close()
	}
	return err
}

func TestListenReplacesAStaleSocketButNotALiveOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.sock")
	e := Endpoint{Network: "unix", Address: path}
	ln, err := e.Listen(0o660)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Listen(0); err == nil || !strings.Contains(err.Error(), "another process is listening") {
		t.Errorf("second Listen on a live socket: %v; want refused", err)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o660 {
		t.Errorf("socket mode: %v, %v; want 0660", st, err)
	}
	// A socket file whose listener is gone (as after a crash) is replaced.
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	ln2, err := e.Listen(0)
	if err != nil {
		t.Fatalf("Listen over a stale socket: %v", err)
	}
	ln2.Close()
}

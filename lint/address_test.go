package lint

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseAddress(t *testing.T) {
	known := Options{Env: map[string]string{"HOST": "10.0.0.9"}}
	tests := []struct {
		word string
		opts Options
		want Address
	}{
		{"10.0.0.1:80", Options{}, Address{Text: "10.0.0.1:80", Host: "10.0.0.1", HasPort: true, Port: "80", Family: FamilyIPv4}},
		{"10.0.0.1", Options{}, Address{Text: "10.0.0.1", Host: "10.0.0.1", Family: FamilyIPv4}},
		{"[2001:db8::1]:443", Options{}, Address{Text: "[2001:db8::1]:443", Host: "2001:db8::1", Bracketed: true, HasPort: true, Port: "443", Family: FamilyIPv6}},
		{"2001:db8::1:80", Options{}, Address{Text: "2001:db8::1:80", Host: "2001:db8::1", HasPort: true, Port: "80", Family: FamilyIPv6}},
		{"ipv4@10.0.0.1:+1", Options{}, Address{Text: "ipv4@10.0.0.1:+1", Prefix: "ipv4", Host: "10.0.0.1", HasPort: true, Port: "+1", Family: FamilyIPv4}},
		{"unix@run/app.sock", Options{}, Address{Text: "unix@run/app.sock", Prefix: "unix", Host: "run/app.sock", Family: FamilyUnix}},
		{"/run/app.sock", Options{}, Address{Text: "/run/app.sock", Host: "/run/app.sock", Family: FamilyUnix}},
		{"abns@app", Options{}, Address{Text: "abns@app", Prefix: "abns", Host: "app", Family: FamilyABNS}},
		{"app.example.com:8080", Options{}, Address{Text: "app.example.com:8080", Host: "app.example.com", HasPort: true, Port: "8080", Family: FamilyHostname}},
		{"${HOST}:80", Options{}, Address{Text: "${HOST}:80", Host: "${HOST}", HasPort: true, Port: "80", HostUnknown: true}},
		{"${HOST}:80", known, Address{Text: "10.0.0.9:80", Host: "10.0.0.9", HasPort: true, Port: "80", Family: FamilyIPv4}},
		{"${NOPE}:80", known, Address{Text: ":80", HasPort: true, Port: "80", Family: FamilyIPv4, Unset: []string{"NOPE"}}},
	}
	for _, tt := range tests {
		got := ParseAddress(serverAddrWord(t, tt.word), tt.opts)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseAddress(%q) mismatch (-want +got):\n%s", tt.word, diff)
		}
	}
}

func TestParsePort(t *testing.T) {
	tests := map[string]Port{
		"":      {PortNone, -1},
		"80":    {PortNumber, 80},
		"080":   {PortNumber, 80},
		"0":     {PortNumber, 0},
		"70000": {PortNumber, 70000},
		"+1":    {PortOffset, 1},
		"-10":   {PortOffset, 10},
		"80-90": {PortRange, 80},
		"80abc": {PortTrailing, 80},
		"abc":   {PortInvalid, -1},
		"+x":    {PortInvalid, -1},
	}
	for in, want := range tests {
		if got := ParsePort(in); got != want {
			t.Errorf("ParsePort(%q) = %+v, want %+v", in, got, want)
		}
	}
}

func TestLookupAddressPrefix(t *testing.T) {
	for prefix, want := range map[string]bool{"ipv4": true, "stream+ipv4": true, "dgram+unix": true, "udp": true, "foo": false, "x+ipv4": false} {
		if _, ok := LookupAddressPrefix(prefix); ok != want {
			t.Errorf("LookupAddressPrefix(%q) ok = %v, want %v", prefix, ok, want)
		}
	}
}

// serverAddrWord loads "server s WORD" and returns the address word.
func serverAddrWord(t *testing.T, word string) Word {
	t.Helper()
	cfg := Load([]Input{{Name: "t.cfg", Data: []byte("backend b\n    server s " + word + "\n")}}, DefaultOptions())
	d := cfg.Sections[0].Directives[0]
	if len(d.Words) < 3 {
		t.Fatalf("no address word in %q", d.Raw())
	}
	return d.Words[2]
}

// isDottedQuad is a fast path of hostFamily: it must never call IPv4 what
// netip does not.
func TestIsDottedQuadAgreesWithNetip(t *testing.T) {
	cases := []string{"", ".", "1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5",
		"1..2.3", "1.2.3.", ".1.2.3", "1.2.3.04", "10.0.0.1", "1.2.3.4:80", "::1", "a.b.c.d", "1.2.3.4 ", "999.0.0.0", "00.0.0.0"}
	for _, s := range cases {
		ip, err := netip.ParseAddr(s)
		if want := err == nil && ip.Is4(); isDottedQuad(s) != want {
			t.Errorf("isDottedQuad(%q) = %v, netip says %v", s, !want, want)
		}
	}
}

func FuzzIsDottedQuad(f *testing.F) {
	f.Add("10.0.0.1")
	f.Add("01.0.0.1")
	f.Fuzz(func(t *testing.T, s string) {
		ip, err := netip.ParseAddr(s)
		if want := err == nil && ip.Is4(); isDottedQuad(s) != want {
			t.Errorf("isDottedQuad(%q) = %v, netip says %v", s, !want, want)
		}
	})
}

package haproxylog

import "testing"

func TestStripSyslog(t *testing.T) {
	const msg = "Server be/s1 is DOWN"
	tests := []struct {
		name, line string
		want       string
		framing    Framing
	}{
		{"local (2.6 default)", "<129>Nov 23 19:39:23 haproxy[7231]: " + msg + "\n", msg, FramingLocal},
		{"rfc3164", "<129>Nov 23 19:39:23 localhost haproxy[7231]: " + msg, msg, FramingRFC3164},
		{"rfc3164 padded day", "<129>Nov  3 09:39:23 localhost haproxy[7231]: " + msg, msg, FramingRFC3164},
		{"rfc3164 without tag", "<129>Nov  3 09:39:23 localhost " + msg, msg, FramingRFC3164},
		{"rfc5424", "<129>1 2026-11-23T19:39:23.367909+00:00 - haproxy 7231 - - " + msg, msg, FramingRFC5424},
		{"rfc5424 with structured data and BOM", `<129>1 2026-11-23T19:39:23Z host haproxy 7231 ID1 [ex@1 a="x\]y" b="]"][ex@2 c="d"] ` + "\xef\xbb\xbf" + msg, msg, FramingRFC5424},
		{"rfc5424 without message", "<129>1 2026-11-23T19:39:23Z host haproxy 7231 - -", "", FramingRFC5424},
		{"rfc5424 unterminated structured data", `<129>1 2026-11-23T19:39:23Z host haproxy 7231 - [ex@1 a="b" ` + msg, `1 2026-11-23T19:39:23Z host haproxy 7231 - [ex@1 a="b" ` + msg, FramingPriority},
		{"short", "<1>" + msg, msg, FramingPriority},
		{"priority", "<129>" + msg, msg, FramingPriority},
		{"timed", "<1>2026-11-23T19:39:23.367941+00:00 " + msg, msg, FramingTimed},
		{"iso", "2026-11-23T19:39:23.367948+00:00 " + msg, msg, FramingISO},
		{"raw", msg + "\r\n\x00", msg, FramingRaw},
		{"priority out of range", "<192>" + msg, "<192>" + msg, FramingRaw},
		{"priority not a number", "<1a>" + msg, "<1a>" + msg, FramingRaw},
		{"unterminated priority", "<1234" + msg, "<1234" + msg, FramingRaw},
		{"empty", "", "", FramingRaw},
		{"only priority", "<1>", "", FramingPriority},
	}
	for _, tt := range tests {
		got, framing := StripSyslog([]byte(tt.line))
		if string(got) != tt.want || framing != tt.framing {
			t.Errorf("%s: StripSyslog = %q, %v; want %q, %v", tt.name, got, framing, tt.want, tt.framing)
		}
	}
}

func TestStripSyslogDoesNotCopy(t *testing.T) {
	line := []byte("<134>Nov 23 19:39:24 haproxy[7231]: hello")
	msg, _ := StripSyslog(line)
	if &msg[0] != &line[len(line)-len("hello")] {
		t.Fatal("message is not a sub-slice of the line")
	}
}

package haproxylog

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/spoe/event"
)

var testNow = time.Date(2026, 11, 23, 19, 45, 34, 0, time.UTC)

// response builds the event expected for a traffic line.
func response(fe, be, srv string, status int, term string, cause event.Cause, ms [5]int) event.Event {
	d := func(n int) time.Duration {
		if n < 0 {
			return -1
		}
		return time.Duration(n) * time.Millisecond
	}
	return event.Event{
		Time: testNow, Kind: event.KindResponse, Source: event.SourceLog,
		Frontend: fe, Backend: be, Server: srv, Status: status,
		TermState: [2]byte{term[0], term[1]}, Cause: cause,
		Timings: event.Timings{Request: d(ms[0]), Queue: d(ms[1]), Connect: d(ms[2]), Response: d(ms[3]), Total: d(ms[4])},
	}
}

// withID and withRetries adjust an expected event.
func withID(e event.Event, id string) event.Event  { e.UniqueID = event.MakeUniqueID(id); return e }
func withRetries(e event.Event, n int) event.Event { e.Retries = n; return e }

func TestParseTrafficLines(t *testing.T) {
	tests := []struct {
		name string
		line string
		kind LineKind
		want event.Event
	}{
		{
			name: "manual §8.2.3 example with header captures, rfc3164",
			line: `<134>Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1"`,
			kind: LineHTTP,
			want: response("http-in", "static", "srv1", 200, "--", event.CauseNone, [5]int{10, 0, 30, 69, 109}),
		},
		{
			name: "2.6 PH invalid response, local framing",
			line: `<134>Nov 23 19:45:34 haproxy[21916]: 127.0.0.1:43162 [23/Nov/2026:19:45:34.852] fe_std be_garbage/s_garbage 0/0/0/-1/0 502 209 - - PH-- 1/1/0/0/0 0/0 "GET /garbage HTTP/1.1"`,
			kind: LineHTTP,
			want: response("fe_std", "be_garbage", "s_garbage", 502, "PH", event.CauseInvalidResponse, [5]int{0, 0, 0, -1, 0}),
		},
		{
			name: "2.6 SH server abort, rfc5424",
			line: `<134>1 2026-11-23T19:45:34.853882+00:00 - haproxy 21916 - - 127.0.0.1:43166 [23/Nov/2026:19:45:34.853] fe_std be_abort/s_abort 0/0/0/-1/0 502 209 - - SH-- 1/1/0/0/0 0/0 "GET /abort HTTP/1.1"`,
			kind: LineHTTP,
			want: response("fe_std", "be_abort", "s_abort", 502, "SH", event.CauseServerAbort, [5]int{0, 0, 0, -1, 0}),
		},
		{
			name: "2.6 sH server timeout, raw",
			line: `127.0.0.1:43182 [23/Nov/2026:19:45:34.854] fe_std be_hang/s_hang 0/0/0/-1/402 504 198 - - sH-- 1/1/0/0/0 0/0 "GET /hang HTTP/1.1"`,
			kind: LineHTTP,
			want: response("fe_std", "be_hang", "s_hang", 504, "sH", event.CauseServerTimeout, [5]int{0, 0, 0, -1, 402}),
		},
		{
			name: "2.6 SC refused after two retries, short framing",
			line: `<6>127.0.0.1:43190 [23/Nov/2026:19:45:35.256] fe_std be_refuse/s_refuse 0/0/-1/-1/1001 503 217 - - SC-- 1/1/0/0/2 0/0 "GET /refuse HTTP/1.1"`,
			kind: LineHTTP,
			want: withRetries(response("fe_std", "be_refuse", "s_refuse", 503, "SC", event.CauseConnRefused, [5]int{0, 0, -1, -1, 1001}), 2),
		},
		{
			name: "2.6 no server available, timed framing",
			line: `<6>2026-11-23T19:45:36.259000+00:00 127.0.0.1:43194 [23/Nov/2026:19:45:36.259] fe_std be_nosrv/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- 1/1/0/0/0 0/0 "GET /nosrv HTTP/1.1"`,
			kind: LineHTTP,
			want: response("fe_std", "be_nosrv", "<NOSRV>", 503, "SC", event.CauseNoServer, [5]int{0, -1, -1, -1, 0}),
		},
		{
			name: "2.6 sQ queue timeout, iso framing",
			line: `2026-11-23T19:45:36.260000+00:00 127.0.0.1:43198 [23/Nov/2026:19:45:36.260] fe_std be_queue/<NOSRV> 0/201/-1/-1/201 503 217 - - sQ-- 2/2/1/0/0 0/1 "GET /queue HTTP/1.1"`,
			kind: LineHTTP,
			want: response("fe_std", "be_queue", "<NOSRV>", 503, "sQ", event.CauseQueueTimeout, [5]int{0, 201, -1, -1, 201}),
		},
		{
			name: "recommended format with unique-id, priority framing",
			line: `<134>7F000001:93AE_7F000001:AA2F_6B0497E0_000D:559C 127.0.0.1:37806 [23/Nov/2026:19:45:36.663] fe_rec be_garbage/s_garbage 0/0/0/-1/0 502 209 - - PH-- 1/1/0/0/0 0/0 "GET /garbage HTTP/1.1"`,
			kind: LineHTTP,
			want: withID(response("fe_rec", "be_garbage", "s_garbage", 502, "PH", event.CauseInvalidResponse, [5]int{0, 0, 0, -1, 0}), "7F000001:93AE_7F000001:AA2F_6B0497E0_000D:559C"),
		},
		{
			name: "ssl frontend, logasap and a redispatch",
			line: `abc-1 10.0.0.1:5555 [23/Nov/2026:19:45:36.663] fe_tls~ be/s2 1/0/2/-1/+3 200 +512 - - ---- 3/3/1/1/+3 0/0 "GET / HTTP/1.1"`,
			kind: LineHTTP,
			want: withRetries(withID(response("fe_tls", "be", "s2", 200, "--", event.CauseNone, [5]int{1, 0, 2, -1, 3}), "abc-1"), 3),
		},
		{
			name: "unique-id unset is a dash",
			line: `- 10.0.0.1:5555 [23/Nov/2026:19:45:36.663] fe be/s1 0/0/0/5/5 503 100 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"`,
			kind: LineHTTP,
			want: response("fe", "be", "s1", 503, "--", event.CauseServerStatus, [5]int{0, 0, 0, 5, 5}),
		},
		{
			name: "captured cookie containing a space",
			line: `10.0.0.1:5555 [23/Nov/2026:19:45:36.663] fe be/s1 0/0/0/5/5 200 100 SID=a b - --VN 1/1/1/1/0 0/0 "GET / HTTP/1.1"`,
			kind: LineHTTP,
			want: response("fe", "be", "s1", 200, "--", event.CauseNone, [5]int{0, 0, 0, 5, 5}),
		},
		{
			name: "2.6 bad request",
			line: `127.0.0.1:43132 [23/Nov/2026:19:45:34.850] fe_std fe_std/<NOSRV> -1/-1/-1/-1/0 400 0 - - CR-- 1/1/0/0/0 0/0 "<BADREQ>"`,
			kind: LineHTTP,
			want: response("fe_std", "fe_std", "<NOSRV>", 400, "CR", event.CauseClientAbort, [5]int{-1, -1, -1, -1, 0}),
		},
		{
			name: "2.6 tcplog is skipped",
			line: `127.0.0.1:41394 [23/Nov/2026:19:45:38.472] tcp_in tcp_in/s1 1/0/0 59 -- 2/1/0/0/0 0/0`,
			kind: LineTCP,
		},
		{
			name: "error log line is recognised",
			line: `127.0.0.1:56059 [03/Dec/2012:17:35:10.380] frt/f1: Connection error during SSL handshake`,
			kind: LineOther,
		},
	}
	p := NewParser(0)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got event.Event
			if kind := p.Parse([]byte(tt.line), testNow, &got); kind != tt.kind {
				t.Fatalf("kind = %v, want %v", kind, tt.kind)
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(event.UniqueID{})); diff != "" {
				t.Errorf("event mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseRejectsMalformedLines(t *testing.T) {
	lines := []string{
		"",
		"hello world",
		"<999>Nov 23 19:45:34 haproxy[1]: nonsense",
		`127.0.0.1:1 [23/Nov/2026:19:45:36.663] fe be/s1 0/0/0/5/5 200 100 - - ----`,
		`127.0.0.1:1 [23/Nov/2026:19:45:36.663] fe be/s1 0/0/0/5 200 100 - - ---- 1/1/1/1/0 0/0 "GET /"`,
		`127.0.0.1:1 [23/Nov/2026:19:45:36.663] fe be/s1 0/0/x/5/5 200 100 - - ---- 1/1/1/1/0 0/0 "GET /"`,
		`127.0.0.1:1 [23/Nov/2026:19:45:36.663] fe be/s1 0/0/0/5/5 2OO 100 - - ---- 1/1/1/1/0 0/0 "GET /"`,
		`127.0.0.1:1 [23/Nov/2026:19:45:36.663] fe be/s1 0/0/0/5/5 200 100 - - ---- 1/1/1/1/0 0-0 "GET /"`,
		`127.0.0.1:1 [23/Nov/2026:19:45:36.663] fe be/s1 0/0/0/5/5 200 100 - - ---- 1/1/1/1/x 0/0 "GET /"`,
		`127.0.0.1:1 [23/Nov/2026:19:45:36.663] fe be 0/0/0/5/5 200 100 - - ---- 1/1/1/1/0 0/0 "GET /"`,
		`127.0.0.1:1 [23/Nov/2026:19:45:36.663] fe be/s1 0/0/0/5/5 200 1234567890123456789012 - - ---- 1/1/1/1/0 0/0 "GET /"`,
		"<134>Nov 23 19:45:34 haproxy[1]: Servers are fine",
	}
	p := NewParser(0)
	for _, line := range lines {
		var got event.Event
		if kind := p.Parse([]byte(line), testNow, &got); kind != LineUnparsable {
			t.Errorf("Parse(%q) = %v, want unparsable", line, kind)
		}
		if diff := cmp.Diff(event.Event{}, got, cmp.AllowUnexported(event.UniqueID{})); diff != "" {
			t.Errorf("Parse(%q) left an event behind:\n%s", line, diff)
		}
	}
}

package lint

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// The expectations below were checked against haproxy -c (2.6.12) with
// "timeout server <value>".
func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want Duration
	}{
		{"30", Duration{Exact: 30 * time.Millisecond, Millis: 30}},
		{"30s", Duration{Exact: 30 * time.Second, Millis: 30000, Unit: "s"}},
		{"500us", Duration{Exact: 500 * time.Microsecond, Millis: 1, Unit: "us"}},
		{"1001us", Duration{Exact: 1001 * time.Microsecond, Millis: 2, Unit: "us"}},
		{"0", Duration{}},
		{"0s", Duration{Unit: "s"}},
		{"1m", Duration{Exact: time.Minute, Millis: 60000, Unit: "m"}},
		{"2h", Duration{Exact: 2 * time.Hour, Millis: 7200000, Unit: "h"}},
		{"24d", Duration{Exact: 24 * 24 * time.Hour, Millis: 2073600000, Unit: "d"}},
		{"2147483647", Duration{Exact: 2147483647 * time.Millisecond, Millis: 2147483647}},
		{"2147483s", Duration{Exact: 2147483 * time.Second, Millis: 2147483000, Unit: "s"}},
		{"35791m", Duration{Exact: 35791 * time.Minute, Millis: 2147460000, Unit: "m"}},
		{"30sec", Duration{Exact: 30 * time.Second, Millis: 30000, Unit: "s", Trailing: "ec"}},
		{"1mn", Duration{Exact: time.Minute, Millis: 60000, Unit: "m", Trailing: "n"}},
		{"10mss", Duration{Exact: 10 * time.Millisecond, Millis: 10, Unit: "ms", Trailing: "s"}},
		{"5ms5", Duration{Exact: 5 * time.Millisecond, Millis: 5, Unit: "ms", Trailing: "5"}},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseDuration(%q) mismatch (-want +got):\n%s", tt.in, diff)
		}
	}
}

func TestParseDurationErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrTimeEmpty},
		{"1.5s", ErrTimeSyntax},
		{"30S", ErrTimeSyntax},
		{"10M", ErrTimeSyntax},
		{"10u", ErrTimeSyntax},
		{"s", ErrTimeSyntax},
		{"-5s", ErrTimeSyntax},
		{"+5s", ErrTimeSyntax},
		{"0x10", ErrTimeSyntax},
		{" 5s", ErrTimeSyntax},
		{"2147483648", ErrTimeOverflow},
		{"2147484s", ErrTimeOverflow},
		{"35792m", ErrTimeOverflow},
		{"597h", ErrTimeOverflow},
		{"25d", ErrTimeOverflow},
		{"4294967296", ErrTimeOverflow},
		{"99999999999999999999999999", ErrTimeOverflow},
		{"99999999999999d", ErrTimeOverflow},
	}
	for _, tt := range tests {
		if _, err := ParseDuration(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("ParseDuration(%q) error = %v, want %v", tt.in, err, tt.want)
		}
	}
}

func TestDurationString(t *testing.T) {
	for in, want := range map[string]string{"30": "30ms", "30s": "30s", "1m": "60s", "500us": "500us", "0": "0ms"} {
		d, err := ParseDuration(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.String(); got != want {
			t.Errorf("ParseDuration(%q).String() = %q, want %q", in, got, want)
		}
	}
}

package lint

import (
	"errors"
	"fmt"
	"time"
)

// MaxTimerMillis is the largest time value HAProxy accepts for a timer:
// 2^31-1 milliseconds, about 24.8 days.
const MaxTimerMillis = 1<<31 - 1

// Errors returned by ParseDuration, matched with errors.Is.
var (
	// ErrTimeEmpty means the value is missing.
	ErrTimeEmpty = errors.New("empty time value")
	// ErrTimeSyntax means HAProxy stops on an unexpected character.
	ErrTimeSyntax = errors.New("unexpected character in time value")
	// ErrTimeOverflow means the value exceeds MaxTimerMillis.
	ErrTimeOverflow = errors.New("time value overflows 2147483647 ms (~24.8 days)")
)

// Duration is a time value decoded as HAProxy reads it (configuration
// manual §2.5, "Time format").
type Duration struct {
	// Exact is the value as written, at microsecond precision.
	Exact time.Duration
	// Millis is what HAProxy stores: the value in milliseconds, rounded up.
	Millis int64
	// Unit is the unit as written: "us", "ms", "s", "m", "h", "d", or ""
	// when none was given (milliseconds).
	Unit string
	// Trailing holds characters after a valid unit ("ec" in "30sec").
	// HAProxy 2.6 ignores them with a warning announcing they will be
	// refused in a later version.
	Trailing string
}

// timeUnits maps each unit to its length in microseconds.
var timeUnits = map[string]uint64{
	"us": 1, "ms": 1e3, "": 1e3, "s": 1e6, "m": 60e6, "h": 3600e6, "d": 86400e6,
}

// ParseDuration reads a time value the way HAProxy's parse_time_err does:
// digits, then an optional unit among us, ms, s, m, h, d (case-sensitive;
// no unit means milliseconds). Signs, decimals, spaces and unknown units are
// rejected; anything after a valid unit is kept in Trailing.
func ParseDuration(s string) (Duration, error) {
	if s == "" {
		return Duration{}, ErrTimeEmpty
	}
	digits := 0
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits == 0 {
		return Duration{}, fmt.Errorf("%w %q at the start (no sign or space allowed)", ErrTimeSyntax, s[0])
	}
	unit, rest, err := splitTimeUnit(s[digits:])
	if err != nil {
		return Duration{}, err
	}
	micros, ok := scaleMicros(s[:digits], timeUnits[unit])
	if !ok {
		return Duration{}, ErrTimeOverflow
	}
	millis := (micros + 999) / 1000
	if millis > MaxTimerMillis {
		return Duration{}, ErrTimeOverflow
	}
	return Duration{Exact: time.Duration(micros) * time.Microsecond, Millis: int64(millis), Unit: unit, Trailing: rest}, nil
}

// splitTimeUnit reads the unit at the start of tail, as HAProxy does: "m"
// followed by anything but "s" is minutes, and "u" must be followed by "s".
func splitTimeUnit(tail string) (unit, rest string, err error) {
	if tail == "" {
		return "", "", nil
	}
	switch tail[0] {
	case 'u', 'm':
		if len(tail) > 1 && tail[1] == 's' {
			return tail[:2], tail[2:], nil
		}
		if tail[0] == 'm' {
			return "m", tail[1:], nil
		}
	case 's', 'h', 'd':
		return tail[:1], tail[1:], nil
	}
	return "", "", fmt.Errorf("%w %q (integers only; units: us, ms, s, m, h, d)", ErrTimeSyntax, tail[0])
}

// scaleMicros multiplies a decimal digit string by perUnit microseconds,
// reporting false when the result cannot be a valid timer.
func scaleMicros(digits string, perUnit uint64) (uint64, bool) {
	const limit = (MaxTimerMillis + 1) * 1000 * 86400 // far above any valid timer
	var v uint64
	for i := 0; i < len(digits); i++ {
		v = v*10 + uint64(digits[i]-'0')
		if v > limit {
			return 0, false
		}
	}
	if v != 0 && perUnit > limit/v {
		return 0, false
	}
	return v * perUnit, true
}

// String formats the duration the way it was meant: "30s", "500ms", "30ms".
func (d Duration) String() string {
	if d.Exact%time.Second == 0 && d.Exact > 0 {
		return fmt.Sprintf("%ds", d.Exact/time.Second)
	}
	if d.Exact%time.Millisecond == 0 {
		return fmt.Sprintf("%dms", d.Exact/time.Millisecond)
	}
	return fmt.Sprintf("%dus", d.Exact/time.Microsecond)
}

package server

import (
	"math"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// intValue returns an SPOP integer argument as int64, -1 when v is not an
// integer (HAProxy sends NULL for a sample it could not fetch).
func intValue(v any) int64 {
	switch n := v.(type) {
	case int32:
		return int64(n)
	case int64:
		return n
	case uint32:
		return int64(n)
	case uint64:
		return int64(min(n, math.MaxInt64))
	}
	return -1
}

// millis converts a timer argument (milliseconds, -1 when the phase never
// completed) into a duration, negative meaning unknown.
func millis(v any) time.Duration {
	ms := intValue(v)
	if ms < 0 || ms > math.MaxInt64/int64(time.Millisecond) {
		return -1
	}
	return time.Duration(ms) * time.Millisecond
}

// sinceRequest is the response latency from the date(0,us) values taken at
// request time (t0) and at response time (t1). Without t1 the local clock
// stands in; without a plausible t0 the latency is unknown.
func sinceRequest(t0, t1 int64, now time.Time) time.Duration {
	if t0 <= 0 {
		return -1
	}
	if t1 < 0 {
		t1 = now.UnixMicro()
	}
	const longest = int64(24 * time.Hour / time.Microsecond)
	if t1 < t0 || t1-t0 > longest {
		return -1
	}
	return time.Duration(t1-t0) * time.Microsecond
}

// uniqueID copies a string or binary unique-id argument.
func uniqueID(v any) event.UniqueID {
	switch s := v.(type) {
	case string:
		return event.MakeUniqueID(s)
	case []byte:
		return event.MakeUniqueID(s)
	}
	return event.UniqueID{}
}

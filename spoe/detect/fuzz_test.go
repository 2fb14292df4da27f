package detect

import (
	"encoding/binary"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// FuzzObserve feeds arbitrary event fields and clock jumps: the detector
// must never panic and must keep its bounds.
func FuzzObserve(f *testing.F) {
	f.Add([]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"))
	f.Add([]byte("\xff\xff\xff\xff\xff\xff\xff\xff\x80\x00\x00\x00\x00\x00\x00\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		now := start
		d := New(Config{MaxKeys: 4, JoinCapacity: 8, History: 2}, func() time.Time { return now })
		for len(data) >= 8 {
			d.Observe(fuzzEvent(data[:8], now))
			if data[0]&7 == 0 {
				now = now.Add(time.Duration(int8(data[1])) * 100 * time.Millisecond)
				d.Tick(now)
			}
			data = data[8:]
		}
		d.Tick(now.Add(time.Minute))
		if st := d.Stats(); st.Keys > 4 {
			t.Fatalf("%d keys over a cap of 4", st.Keys)
		}
		_ = d.Verdict("b1", "s1")
		_ = d.Recent(5)
	})
}

func fuzzEvent(b []byte, now time.Time) event.Event {
	names := []string{"", "s1", "s2", event.NoServer}
	e := event.Event{
		Time:     now.Add(time.Duration(int8(b[1])) * time.Second),
		Kind:     event.Kind(b[0] >> 6),
		Source:   event.Source(b[0] >> 4 & 3),
		Backend:  []string{"", "b1", "b2", "b3"}[b[2]&3],
		Server:   names[b[2]>>2&3],
		Status:   int(int16(binary.BigEndian.Uint16(b[3:5]))),
		Cause:    event.Cause(b[5]),
		State:    event.ServerState(b[6] % 6),
		UniqueID: event.MakeUniqueID([]byte{b[7] & 15}),
		Timings:  event.Timings{Connect: time.Duration(int8(b[6])) * time.Millisecond, Response: time.Duration(int16(binary.BigEndian.Uint16(b[3:5]))) * time.Second, Total: time.Duration(b[7]) * time.Hour},
	}
	return e
}

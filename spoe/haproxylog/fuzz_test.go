package haproxylog

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/hapguard/hapguard/spoe/event"
)

// FuzzParseLine feeds arbitrary datagrams to the parser. Seeds are real
// HAProxy 2.6 lines in every framing (testdata/fuzz/FuzzParseLine). The
// parser must never panic, and what it returns must be consistent.
func FuzzParseLine(f *testing.F) {
	f.Add([]byte(phLine))
	f.Add([]byte(nosrvNotice))
	p := NewParser(64)
	f.Fuzz(func(t *testing.T, line []byte) {
		var ev event.Event
		kind := p.Parse(line, testNow, &ev)
		checkParsed(t, line, kind, &ev)
		var again event.Event
		if kind2 := p.Parse(line, testNow, &again); kind2 != kind || !cmp.Equal(ev, again, cmp.AllowUnexported(event.UniqueID{})) {
			t.Fatalf("second parse differs: %v %+v, then %v %+v", kind, ev, kind2, again)
		}
		msg, _ := StripSyslog(line)
		if len(msg) > 0 && !bytes.Contains(line, msg) {
			t.Fatalf("StripSyslog returned bytes not in the line")
		}
	})
}

// checkParsed verifies the invariants of one parse result.
func checkParsed(t *testing.T, line []byte, kind LineKind, ev *event.Event) {
	t.Helper()
	if !kind.HasEvent() {
		if !cmp.Equal(*ev, event.Event{}, cmp.AllowUnexported(event.UniqueID{})) {
			t.Fatalf("kind %v left an event: %+v", kind, *ev)
		}
		return
	}
	if ev.Source != event.SourceLog || !ev.Time.Equal(testNow) || ev.Backend == "" {
		t.Fatalf("incomplete event: %+v", *ev)
	}
	for _, name := range []string{ev.Frontend, ev.Backend, ev.Server} {
		if !bytes.Contains(line, []byte(name)) {
			t.Fatalf("name %q is not in the line", name)
		}
	}
	if kind == LineServerState {
		if ev.Kind != event.KindServerState || ev.State == event.StateUnknown {
			t.Fatalf("bad server state event: %+v", *ev)
		}
		return
	}
	term := string(ev.TermState[:])
	if ev.Kind != event.KindResponse || ev.Frontend == "" || ev.Server == "" || bytes.IndexByte([]byte(term), 0) >= 0 {
		t.Fatalf("bad response event: %+v", *ev)
	}
	if want := Classify(ev.Status, term, ev.Server); ev.Cause != want {
		t.Fatalf("cause %v, Classify says %v", ev.Cause, want)
	}
	if ev.Retries < 0 {
		t.Fatalf("negative retries %d", ev.Retries)
	}
}

package event

import "testing"

func TestQueueDropsAndCountsWhenFull(t *testing.T) {
	q := NewQueue(2)
	for i := range 5 {
		ok := q.Offer(Event{Status: 200 + i})
		if want := i < 2; ok != want {
			t.Fatalf("Offer #%d = %v, want %v", i, ok, want)
		}
	}
	if got := q.Dropped(); got != 3 {
		t.Fatalf("Dropped() = %d, want 3", got)
	}
	if got := (<-q.Events()).Status; got != 200 {
		t.Fatalf("first event status = %d, want 200", got)
	}
}

func TestUniqueIDTruncatesAndRoundTrips(t *testing.T) {
	long := make([]byte, UniqueIDSize+10)
	for i := range long {
		long[i] = 'a'
	}
	if got := MakeUniqueID(long).String(); len(got) != UniqueIDSize {
		t.Fatalf("len = %d, want %d", len(got), UniqueIDSize)
	}
	if got := MakeUniqueID("7F000001:1F90").String(); got != "7F000001:1F90" {
		t.Fatalf("got %q", got)
	}
	if !(UniqueID{}).IsZero() {
		t.Fatal("zero UniqueID not IsZero")
	}
}

package detect

import (
	"hash/maphash"
	"math/bits"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// joinProbe is how many neighbouring slots a unique-id may occupy.
const joinProbe = 8

// joinSlot remembers one transaction that was counted: where its
// contribution went, so a later log event can replace it.
type joinSlot struct {
	used   bool
	joined bool // the second sighting already happened
	source event.Source
	hash   uint64
	seen   int64 // arrival second, for expiry
	sec    int64 // bucket second of the contribution
	srv    *series
	be     *series
	srvGen uint32
	beGen  uint32
	x      sample
}

// joinSet is a fixed-size open-addressing table of recently seen
// unique-ids (by 64-bit hash) that forgets entries older than its window:
// bounded memory whatever the traffic.
type joinSet struct {
	slots  []joinSlot
	mask   uint64
	seed   maphash.Seed
	window int64
}

// newJoinSet returns a table of at least capacity slots, each written once
// so that its memory is resident from the start (unique-ids hash to every
// page within seconds at a high rate, but only over many minutes at a low
// one: RSS would creep up meanwhile).
func newJoinSet(capacity int, window time.Duration) joinSet {
	size := uint64(1) << bits.Len64(uint64(max(capacity, joinProbe)-1))
	slots := make([]joinSlot, size)
	for i := range slots {
		slots[i].seen = 0
	}
	return joinSet{
		slots:  slots,
		mask:   size - 1,
		seed:   maphash.MakeSeed(),
		window: max(int64(window/time.Second), 1),
	}
}

// hash returns the table hash of a unique-id; it does not allocate.
func (j *joinSet) hash(id event.UniqueID) uint64 { return maphash.Comparable(j.seed, id) }

func (j *joinSet) live(s *joinSlot, now int64) bool { return s.used && now-s.seen <= j.window }

// find returns the live slot of hash h, or nil.
func (j *joinSet) find(h uint64, now int64) *joinSlot {
	for i := range uint64(joinProbe) {
		s := &j.slots[(h+i)&j.mask]
		if s.hash == h && j.live(s, now) {
			return s
		}
	}
	return nil
}

// claim returns a fresh slot for h: a free or expired one near h, else the
// oldest there (reported as overwritten).
func (j *joinSet) claim(h uint64, now int64) (slot *joinSlot, overwritten bool) {
	var oldest *joinSlot
	for i := range uint64(joinProbe) {
		s := &j.slots[(h+i)&j.mask]
		if !j.live(s, now) {
			oldest, overwritten = s, false
			break
		}
		if oldest == nil || s.seen < oldest.seen {
			oldest, overwritten = s, true
		}
	}
	*oldest = joinSlot{used: true, hash: h, seen: now}
	return oldest, overwritten
}

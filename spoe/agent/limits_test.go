package agent

import (
	"testing"
	"unsafe"

	"github.com/hapguard/hapguard/spoe/event"
)

// TestFullQueueMemoryIsAsDocumented keeps MaxQueueSize's documented cost
// (about 256 bytes an event, about 256 MiB full) true within 10%.
func TestFullQueueMemoryIsAsDocumented(t *testing.T) {
	size := unsafe.Sizeof(event.Event{})
	if full := uint64(size) * MaxQueueSize; size > 282 || full > 282<<20 {
		t.Errorf("an event takes %d bytes, a full queue %d MiB: update MaxQueueSize's documentation and README", size, full>>20)
	}
}

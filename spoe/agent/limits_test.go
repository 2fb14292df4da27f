package agent

import (
	"testing"
	"unsafe"

	"github.com/hapguard/hapguard/spoe/event"
)

// TestFullQueueMemoryIsAsDocumented keeps MaxQueueSize's documented cost
// (248 bytes an event, about 250 MiB full) true.
func TestFullQueueMemoryIsAsDocumented(t *testing.T) {
	size := unsafe.Sizeof(event.Event{})
	if full := uint64(size) * MaxQueueSize; size != 248 || full > 260<<20 {
		t.Errorf("an event takes %d bytes, a full queue %d MiB: update MaxQueueSize's documentation and README", size, full>>20)
	}
}

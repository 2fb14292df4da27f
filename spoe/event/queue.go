package event

import "sync/atomic"

// Queue is a bounded, non-blocking hand-off from the inputs to detection.
// Inputs never wait on it: when it is full the event is dropped and counted,
// so a slow detector can never slow HAProxy down.
type Queue struct {
	ch      chan Event
	dropped atomic.Uint64
}

// NewQueue returns a queue holding at most capacity events (minimum 1).
// Its whole buffer is written once before it is returned, so that the
// memory it takes (capacity x 256 bytes) is resident from the start: the
// process's RSS is its steady size at once instead of climbing while events
// first wrap around the buffer (minutes at a low event rate).
func NewQueue(capacity int) *Queue {
	q := &Queue{ch: make(chan Event, max(capacity, 1))}
	for range cap(q.ch) {
		q.ch <- Event{}
	}
	for range cap(q.ch) {
		<-q.ch
	}
	return q
}

// Offer enqueues e without blocking. It returns false, and counts the drop,
// when the queue is full.
func (q *Queue) Offer(e Event) bool {
	select {
	case q.ch <- e:
		return true
	default:
		q.dropped.Add(1)
		return false
	}
}

// Events is the receiving side, for the single consumer.
func (q *Queue) Events() <-chan Event { return q.ch }

// Dropped returns how many events were dropped because the queue was full.
func (q *Queue) Dropped() uint64 { return q.dropped.Load() }

// Len returns the number of events waiting.
func (q *Queue) Len() int { return len(q.ch) }

// Sink is anything an input can hand events to without blocking.
type Sink interface {
	// Offer hands e over; false means it was dropped.
	Offer(e Event) bool
}

// Package event defines the one record every agent input (SPOE, the HAProxy
// log stream, the runtime API) turns a transaction or a server state change
// into, so that detection does not care where an observation came from.
package event

import "time"

// Source says which HAProxy output an Event came from.
type Source uint8

// Sources of events.
const (
	// SourceSPOE is a response seen through the SPOE on-http-response event:
	// the server really sent it.
	SourceSPOE Source = iota + 1
	// SourceLog is a transaction read from HAProxy's log stream, HAProxy's
	// own 502/503/504 included.
	SourceLog
	// SourceRuntime is a server state or check change seen on the runtime API.
	SourceRuntime
)

// String returns the lower-case name used in logs, metrics and JSON.
func (s Source) String() string {
	switch s {
	case SourceSPOE:
		return "spoe"
	case SourceLog:
		return "log"
	case SourceRuntime:
		return "runtime"
	}
	return "unknown"
}

// Kind separates transactions from server state changes.
type Kind uint8

// Kinds of events.
const (
	// KindResponse is one HTTP transaction with a final status.
	KindResponse Kind = iota
	// KindServerState is a server's operational state or check result
	// changing, or a server or backend leaving HAProxy's configuration
	// (State StateRemoved).
	KindServerState
	// KindFailedAttempts is Count failed attempts to reach one server that
	// the runtime API's counters showed between two polls (connection
	// errors and retries, response errors, failed health checks), before
	// any client saw an error. They are not transactions.
	KindFailedAttempts
)

// UniqueIDSize is the longest unique-id kept; longer ones are truncated,
// which still joins events as long as the prefix is unique.
const UniqueIDSize = 64

// UniqueID is HAProxy's unique-id (%ID) in a fixed array, so that copying it
// out of a pooled SPOE request does not allocate.
type UniqueID struct {
	b [UniqueIDSize]byte
	n uint8
}

// MakeUniqueID copies s (truncated to UniqueIDSize bytes) into a UniqueID.
func MakeUniqueID[T string | []byte](s T) UniqueID {
	var id UniqueID
	id.n = uint8(copy(id.b[:], s))
	return id
}

// IsZero reports whether no unique-id was seen.
func (id UniqueID) IsZero() bool { return id.n == 0 }

// String returns the unique-id as text.
func (id UniqueID) String() string { return string(id.b[:id.n]) }

// Timings are HAProxy's per-transaction timers. A negative value means the
// phase never completed (HAProxy logs -1), zero or more is a duration.
type Timings struct {
	Request  time.Duration // %TR: time to receive the full request headers
	Queue    time.Duration // %Tw: time spent waiting in queues
	Connect  time.Duration // %Tc: time to establish the server connection
	Response time.Duration // %Tr: server response time (headers)
	Total    time.Duration // %Ta: active time of the whole transaction
}

// Unknown is the Timings value with every phase unknown.
var Unknown = Timings{Request: -1, Queue: -1, Connect: -1, Response: -1, Total: -1}

// ServerState is a server's administrative/operational state as the runtime
// API reports it.
type ServerState uint8

// Server states.
const (
	StateUnknown ServerState = iota
	StateUp
	StateDown
	StateMaint
	StateDrain
	StateNoLB
	// StateRemoved is a server or backend that is no longer in HAProxy's
	// configuration (gone from the runtime API after a reload or a runtime
	// "del server").
	StateRemoved
)

// String returns HAProxy's spelling of the state.
func (s ServerState) String() string {
	return [...]string{"UNKNOWN", "UP", "DOWN", "MAINT", "DRAIN", "NOLB", "REMOVED"}[s]
}

// Event is one observation: a finished transaction or a server state change.
// It holds only values, so it can be copied into queues freely.
type Event struct {
	Time     time.Time
	Kind     Kind
	Source   Source
	Frontend string
	Backend  string
	Server   string // "<NOSRV>" when HAProxy found no server
	Status   int    // final HTTP status; 0 or -1 when none was sent
	// TermState is %tsc's first two characters ("SH", "sH", "PH", "--", ...),
	// empty when the source does not know it (SPOE).
	TermState [2]byte
	Cause     Cause
	Timings   Timings
	Retries   int
	UniqueID  UniqueID

	// For KindServerState.
	State ServerState
	// Stalled, for KindFailedAttempts: on two polls or more, over at least
	// a second, the server sent no response while HAProxy held requests for
	// it and connection attempts to it failed (placed here, in padding, so
	// that an Event stays 256 bytes).
	Stalled     bool
	CheckStatus string // L4CON, L4TOUT, L7STS, L6RSP, ...
	CheckDesc   string // HAProxy's check description or last response

	// For KindFailedAttempts: how many attempts failed (with Cause).
	Count int
}

// NoServer is the server name HAProxy logs when no server could be chosen.
const NoServer = "<NOSRV>"

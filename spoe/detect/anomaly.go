package detect

import (
	"slices"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// Kind names what an anomaly is about. The values are stable: they are the
// verdicts sent to HAProxy and the "kind" label of metrics and alerts.
type Kind string

// Kinds of anomalies, in verdict priority order (the first firing one is a
// key's verdict).
const (
	KindServerDown     Kind = "server_down"     // the runtime API or log says DOWN
	KindNoServer       Kind = "no_server"       // <NOSRV> answers, or no server UP
	KindConsecutive5xx Kind = "consecutive_5xx" // N backend-fault errors in a row
	KindErrorRatio     Kind = "error_ratio"     // error share far above baseline
	KindLatencySpike   Kind = "latency_spike"   // quantile far above baseline
)

// VerdictOK is the verdict of a backend/server with nothing firing.
const VerdictOK = "ok"

// kinds lists every kind, indexed by kindIndex, in priority order.
var kinds = [...]Kind{KindServerDown, KindNoServer, KindConsecutive5xx, KindErrorRatio, KindLatencySpike}

// Kinds returns every kind in verdict priority order, e.g. to pre-create
// metric label values.
func Kinds() []Kind { return slices.Clone(kinds[:]) }

type kindIndex uint8

const (
	kServerDown kindIndex = iota
	kNoServer
	kConsecutive
	kErrorRatio
	kLatency
	numKinds
)

// State is an anomaly's place in its lifecycle.
type State string

// Lifecycle states: pending (condition seen, not yet confirmed), firing,
// resolved (clean for Config.ResolveAfter).
const (
	StatePending  State = "pending"
	StateFiring   State = "firing"
	StateResolved State = "resolved"
)

// Anomaly is one detected problem of a backend ("" Server) or of one
// server. The numeric fields describe the latest evaluation where the
// condition held; their unit is in Unit ("errors", "ratio", "seconds",
// "state").
type Anomaly struct {
	ID      string // unique within the process: backend/server/kind#sequence
	Kind    Kind
	Backend string
	Server  string // "" for a backend-wide anomaly
	State   State

	Observed  float64
	Baseline  float64
	Threshold float64
	Peak      float64 // highest Observed while pending or firing
	Unit      string
	Samples   int // requests (or latency samples) in the evaluated window

	Cause       event.Cause // dominant cause of the errors in the window
	CauseErrors int         // errors with that cause
	Errors      int         // backend-fault errors in the window
	Message     string      // one line: what happened, the evidence, the next step; once resolved, the episode
	NextStep    string      // the next step alone
	Episode     Episode     // totals from the window that raised it to now (final once resolved)

	FirstSeen   time.Time // when the condition was first seen
	FiringSince time.Time // zero while pending
	LastSeen    time.Time // last evaluation where the condition held
	ResolvedAt  time.Time // zero unless resolved
}

// Transition is one state change reported by Tick: From pending (or firing)
// to the state in Anomaly.State (firing or resolved).
type Transition struct {
	From    State
	Anomaly Anomaly
}

// Stats are the detector's own counters, for metrics.
type Stats struct {
	Keys            int    // backends and backend/server pairs tracked now
	Evictions       uint64 // keys evicted by the MaxKeys cap
	EvictedFiring   uint64 // firing anomalies resolved because their key was evicted
	Removed         uint64 // keys dropped because HAProxy no longer has them
	Events          uint64 // events observed
	Counted         uint64 // response events counted
	Joined          uint64 // second sightings of a transaction (SPOE+log), not counted again
	Replaced        uint64 // of those, SPOE contributions replaced by the log's version
	Duplicates      uint64 // same-source repeats of a unique-id, ignored
	SPOEUnjoinable  uint64 // SPOE events left to the log input (no unique-id to join)
	JoinOverwritten uint64 // remembered unique-ids overwritten before JoinWindow ended
	Ignored         uint64 // events without a backend, or of an unknown kind
	Unconfirmed     uint64 // pending anomalies whose condition went away
}

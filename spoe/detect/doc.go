// Package detect turns the agent's event stream into anomalies: consecutive
// gateway errors from one server, an error ratio far above its baseline, a
// latency spike, a server going DOWN, and a backend with no server left.
//
// The detector is pure logic. Time comes from the events' timestamps, from
// the injected clock and from the argument of Tick; nothing in the package
// starts a goroutine or reads the wall clock by itself, so a test replays a
// stream second by second and gets the same answer every time.
//
// # Detectors
//
// Every key (a backend, or a backend/server pair) has a ring of one-second
// buckets: transactions, backend-fault errors by cause (server-sent 5xx
// apart from HAProxy-generated ones), and a latency histogram. Tick judges
// the last Config.Window of each key:
//
//   - consecutive_5xx (server): Config.ConsecutiveErrors backend-fault
//     errors in a row, as Envoy's consecutive_5xx/consecutive_gateway_failure.
//   - error_ratio: the error share reaches max(MinErrorRatio,
//     baseline*ErrorRatioFactor) with MinRequests requests and MinErrors
//     errors. One server over the line is that server's anomaly; two or more
//     make it the backend's (the servers' own are then not raised).
//   - latency_spike: the LatencyQuantile reaches max(baseline*LatencyFactor,
//     baseline+LatencyFloor) with MinLatencySamples samples.
//   - server_down (server): the runtime API or the log says DOWN.
//   - no_server (backend): NoServerMin "<NOSRV>" answers in the window, or
//     HAProxy said the backend has no server UP.
//
// Baselines are EWMAs with a half-life, learned only from windows where
// their detector is quiet. An anomaly is pending when its condition first
// holds, firing once it held for ConfirmFor (at once for server states,
// which HAProxy's checks already confirmed), and resolved after
// ResolveAfter below a lower, hysteresis level (at once when a server is
// back UP). Its message names the dominant cause in HAProxy's terms and the
// operator's next step.
//
// # Concurrency contract
//
// Observe and Tick are meant for one consumer goroutine (the pipeline that
// drains the event queue and owns the ticker). Every method is nevertheless
// safe for concurrent use: a mutex, uncontended in that design, guards the
// state, so Active, Recent and Stats may be called from HTTP handlers.
// Verdict takes no lock at all: it reads an immutable map published
// atomically by Tick, so SPOE connection goroutines can call it on every
// message without allocating or waiting.
//
// # Counting a transaction once (the unique-id join)
//
// With both the SPOE input and the log input running, the same transaction
// arrives twice with the same unique-id. The rule is "first arrival counts,
// the log's version wins":
//
//   - A response event with a unique-id not seen within Config.JoinWindow is
//     counted in full (status, cause, latency, consecutive-error run) and
//     remembered with what it added.
//   - A log event whose unique-id was first counted from SPOE replaces that
//     contribution: the SPOE values are taken out of the bucket they went
//     into and the log's values (status, cause, timers) put in their place.
//   - An SPOE event whose unique-id was already counted from the log, and any
//     second event from the same source, is not counted again.
//   - While the log input is live (a log response event within
//     Config.LogLiveFor) but cannot be joined (the SPOE event or the latest
//     log line has no unique-id), SPOE events are not counted: the log sees
//     every transaction, HAProxy's own errors included. When only SPOE runs,
//     every SPOE event counts.
//
// Either order therefore yields one count per transaction, and the union of
// two lossy streams (UDP syslog, a full SPOE queue) still counts a
// transaction that one of them dropped.
package detect

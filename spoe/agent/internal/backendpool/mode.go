// Package backendpool is a loopback pool of HTTP/1.1 servers whose behaviour
// can be switched at runtime, to make HAProxy see every kind of upstream
// failure on purpose: its own 5xx, slowness, garbage, aborts, hangs and
// refused connections. It is test and benchmark tooling.
package backendpool

// Mode is how a server answers.
type Mode int32

// Modes, each named after what HAProxy makes of it.
const (
	// Healthy answers 200 at once.
	Healthy Mode = iota
	// Status500 answers 500 itself (the SPOE response event sees it).
	Status500
	// Status503 answers 503 itself.
	Status503
	// Slow sleeps for the pool's slow delay, then answers 200.
	Slow
	// Garbage answers bytes that are not HTTP: HAProxy logs PH and sends 502.
	Garbage
	// CloseBeforeHeaders reads the request and closes: SH, 502.
	CloseBeforeHeaders
	// Hang reads the request and never answers: sH, 504 after timeout server.
	Hang
	// Refuse closes the listener so connections are refused: SC, 503.
	Refuse
)

// String names the mode.
func (m Mode) String() string {
	names := [...]string{"healthy", "500", "503", "slow", "garbage", "close-before-headers", "hang", "refuse"}
	if m >= 0 && int(m) < len(names) {
		return names[m]
	}
	return "unknown"
}

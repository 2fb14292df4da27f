package wiring

// Versions returns the HAProxy versions the wiring is generated for: every
// long-term-support branch.
func Versions() []string { return []string{"2.6", "2.8", "3.0", "3.2", "3.4"} }

// features are what a HAProxy version offers the wiring.
type features struct {
	// timers: req.timer.queue, bc.timer.connect, res.timer.hdr (2.9+).
	timers bool
	// helloTimeout: "timeout hello|idle" in spoe-agent; from 3.1 they are
	// "deprecated and ignored" (SPOE.txt §2.2 of 3.2 and 3.4).
	helloTimeout bool
	// spopMode: "mode spop" for the agents' backend, required since the 3.1
	// SPOE rewrite on a multiplexer (SPOE.txt §2.5 of 3.2 and 3.4; 2.6-3.0
	// use mode tcp, SPOE.txt §2.5 of those versions).
	spopMode bool
}

func featuresOf(version string) features {
	switch version {
	case "2.6", "2.8":
		return features{helloTimeout: true}
	case "3.0":
		return features{timers: true, helloTimeout: true}
	}
	return features{timers: true, spopMode: true}
}

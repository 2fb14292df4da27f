package wiring

// Versions returns the HAProxy versions the wiring is generated for.
func Versions() []string { return []string{"2.6", "2.8", "3.0", "3.2"} }

// features are what a HAProxy version offers the wiring.
type features struct {
	timers       bool // req.timer.queue, bc.timer.connect, res.timer.hdr (2.9+)
	helloTimeout bool // timeout hello/idle in spoe-agent (ignored from 3.1)
	spopMode     bool // "mode spop" for the agents' backend (3.1+)
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

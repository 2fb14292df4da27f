package detect

// Verdict returns the current verdict for a backend/server pair: "ok", or
// the kind of the highest-priority firing anomaly of that server, else of
// its backend. The strings are constants (the Kind values and VerdictOK).
// Verdict takes no lock and does not allocate: it reads the immutable map
// Tick publishes, so it is safe from any number of goroutines.
func (d *Detector) Verdict(backend, server string) string {
	m := *d.verdicts.Load()
	if len(m) == 0 {
		return VerdictOK
	}
	if v, ok := m[seriesKey{backend, server}]; ok {
		return v
	}
	if server != "" {
		if v, ok := m[seriesKey{backend, ""}]; ok {
			return v
		}
	}
	return VerdictOK
}

// publishVerdicts rebuilds the verdict map from the firing anomalies and
// publishes it; the old map is never modified, so readers need no lock.
func (d *Detector) publishVerdicts() {
	m := make(map[seriesKey]string)
	for s := range d.keys.all {
		for k := range numKinds {
			if s.trackers[k].state == StateFiring {
				m[s.key] = string(kinds[k])
				break
			}
		}
	}
	d.verdicts.Store(&m)
	d.verdictsDirty = false
}

package detect

// removed forgets a server (or, with server "", a backend and every server
// of it) that left HAProxy's configuration, resolving its anomalies: the
// runtime API's view is the truth for what exists.
func (d *Detector) removed(backend, server string) {
	if server != "" {
		if s := d.keys.m[seriesKey{backend, server}]; s != nil {
			d.forget(s, "server "+server+" in "+backend)
		}
		return
	}
	for s := range d.keys.all {
		if s.key.backend == backend {
			d.forget(s, "backend "+backend)
		}
	}
}

// forget resolves the active anomalies of s at the next Tick and drops s.
func (d *Detector) forget(s *series, what string) {
	now := d.clock()
	d.stats.Removed++
	for i := range s.trackers {
		t := &s.trackers[i]
		if t.state == StateFiring {
			a := *t.a
			a.State, a.ResolvedAt = StateResolved, now
			a.Message = "resolved: " + what + " is no longer in HAProxy's configuration (gone from the runtime API after a reload or a runtime removal); it was: " + a.Message
			d.pending = append(d.pending, Transition{From: StateFiring, Anomaly: a})
			d.archive(a)
			d.verdictsDirty = true
		}
	}
	d.keys.remove(s)
}

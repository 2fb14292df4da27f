package detect

// series returns the series of key, creating it (and evicting the least
// recently used key when the table is full).
func (d *Detector) series(key seriesKey) *series {
	if s := d.keys.get(key); s != nil {
		return s
	}
	var victim *series
	if d.keys.full() {
		victim = d.keys.victim()
		d.evict(victim)
	}
	return d.keys.insert(key, victim)
}

// evict counts an eviction and reports the victim's firing anomalies as
// resolved at the next Tick, so no alert is left hanging.
func (d *Detector) evict(s *series) {
	d.stats.Evictions++
	now := d.clock()
	for i := range s.trackers {
		t := &s.trackers[i]
		if t.state != StateFiring {
			continue
		}
		d.stats.EvictedFiring++
		a := *t.a
		a.State, a.ResolvedAt = StateResolved, now
		a.Message = "no longer tracked (key evicted at the MaxKeys cap): " + a.Message
		d.pending = append(d.pending, Transition{From: StateFiring, Anomaly: a})
		d.archive(a)
		d.verdictsDirty = true
	}
}

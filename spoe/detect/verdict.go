package detect

// Verdict returns the current verdict for a backend/server pair: "ok", or
// the kind of the highest-priority anomaly shown for that server, else for
// its backend (see shownKind). A server whose latest response was good and
// that has no anomaly of its own is "ok" whatever its backend's state.
// With no server (asked before HAProxy picks one, so the answer also
// stands for the errors HAProxy generates itself), it is the backend's own
// anomaly, else the highest-priority one shown for any of its servers. The
// strings are constants (the Kind values and VerdictOK). Verdict takes no
// lock and does not allocate: it reads the immutable map Tick publishes,
// so it is safe from any number of goroutines.
func (d *Detector) Verdict(backend, server string) string {
	m := *d.verdicts.Load()
	if len(m) == 0 {
		return VerdictOK
	}
	if server == "" {
		server = anyServer
	}
	if v, ok := m[seriesKey{backend, server}]; ok {
		return v
	}
	if v, ok := m[seriesKey{backend, ""}]; ok {
		return v
	}
	return VerdictOK
}

// publishVerdicts rebuilds the verdict map and publishes it; the old map is
// never modified, so readers need no lock. While anything fires it runs on
// every Tick, so a verdict follows recovery within one Tick.
func (d *Detector) publishVerdicts() {
	m := make(map[seriesKey]string)
	live := false
	worst := map[string]kindIndex{} // backend -> highest-priority kind shown for it or a server
	for s := range d.keys.all {
		k, firing := d.shownKind(s)
		live = live || firing
		if k == numKinds {
			continue
		}
		m[s.key] = string(kinds[k])
		if w, ok := worst[s.key.backend]; !ok || k < w {
			worst[s.key.backend] = k
		}
	}
	for s := range d.keys.all {
		// No backend verdict on a server of that backend that serves well;
		// elsewhere the fallback is ok anyway, so the map stays small.
		if _, affected := m[seriesKey{s.key.backend, ""}]; affected && !s.isBackend() && s.latestGood {
			if _, own := m[s.key]; !own {
				m[s.key] = VerdictOK
			}
		}
	}
	for be, k := range worst {
		m[seriesKey{be, anyServer}] = string(kinds[k])
	}
	if !live {
		m = map[seriesKey]string{}
	}
	d.verdicts.Store(&m)
	d.verdictsDirty, d.verdictsLive = false, live
}

// shownKind returns the highest-priority firing anomaly of s that responses
// still show (numKinds when none), and whether any anomaly of s is firing. An anomaly is no
// longer shown once its condition has cleared (it waits out ResolveAfter
// before it resolves, and stale verdicts on a recovered backend mislead),
// nor, for the error kinds, once the latest transaction of s was good, nor,
// for a latency spike, once the latest response was below its threshold.
func (d *Detector) shownKind(s *series) (kind kindIndex, firing bool) {
	kind = numKinds
	for k := range numKinds {
		t := &s.trackers[k]
		if t.state != StateFiring {
			continue
		}
		firing = true
		if kind < numKinds || !t.cleanSince.IsZero() {
			continue
		}
		if isErrorKind(k) && s.latestGood && !(k == kNoServer && s.noServerUp) {
			continue // a good response contradicts it (HAProxy's "no server UP" does not clear that way)
		}
		if k == kLatency && s.latestFast {
			continue // the latest response was fast again
		}
		kind = k
	}
	return kind, firing
}

// anyServer is the server part of the key under which publishVerdicts
// stores a backend's verdict for requests whose server is not known yet. A
// NUL byte is not in any HAProxy server name.
const anyServer = "\x00"

// isErrorKind reports the kinds a good response contradicts.
func isErrorKind(k kindIndex) bool {
	return k == kNoServer || k == kConsecutive || k == kErrorRatio
}

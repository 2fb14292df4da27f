package detect

import (
	"fmt"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// Episode sums what happened on an anomaly's key from the window that
// raised it to its resolution, so that a resolved anomaly describes the
// whole episode rather than its last window.
type Episode struct {
	Requests int // transactions
	Errors   int // backend-fault errors, "<NOSRV>" answers included
	NoServer int // "<NOSRV>" answers
	// CauseErrors counts the errors with the anomaly's cause.
	CauseErrors int
}

// episodeLag is how many seconds stay out of an episode until their
// bucket is complete: an event may arrive up to a second or two late.
const episodeLag = 2

// openEpisode starts counting at the first second of the window that
// raised the anomaly.
func (d *Detector) openEpisode(t *tracker, sec int64) {
	t.epNext = sec - d.cfg.windowSeconds() + 1
	t.a.Episode, t.epCauses = Episode{}, [numCauses]int{}
}

// absorb adds the seconds of s up to last into the episode of t.
func absorb(s *series, t *tracker, last int64) {
	for sec := t.epNext; sec <= last; sec++ {
		b := s.existing(sec)
		if b == nil {
			continue
		}
		ep := &t.a.Episode
		ep.Requests += int(b.total)
		ep.Errors += int(b.errors)
		ep.NoServer += int(b.causes[event.CauseNoServer])
		for c, n := range b.causes {
			t.epCauses[c] += int(n)
		}
	}
	t.epNext = max(t.epNext, last+1)
	if c := t.a.Cause; int(c) < numCauses {
		t.a.Episode.CauseErrors = t.epCauses[c]
	}
}

// closeEpisode takes the last seconds in.
func closeEpisode(s *series, t *tracker, sec int64) { absorb(s, t, sec) }

// resolvedMessage describes a resolved anomaly: how long it lasted and
// what happened over the whole episode, in the terms of its kind.
func (d *Detector) resolvedMessage(s *series, k kindIndex, a *Anomaly, now time.Time) string {
	took := now.Sub(a.FirstSeen).Round(time.Second)
	ep := a.Episode
	failed := fmt.Sprintf("%d of %d requests failed", ep.Errors, ep.Requests)
	if ep.NoServer > 0 {
		failed += fmt.Sprintf(" (%d of them <NOSRV>)", ep.NoServer)
	}
	if a.CauseErrors > 0 || ep.CauseErrors > 0 {
		failed += fmt.Sprintf(", %d with cause %s", ep.CauseErrors, d.wordingOf(s, a.Cause).code)
	}
	head := fmt.Sprintf("resolved after %s: %s", took, subject(s))
	switch k {
	case kServerDown:
		was := "DOWN"
		if s.failedCheck != "" {
			was += " (last failed " + checkText(s.failedCheck, s.failedDesc) + ")"
		}
		return fmt.Sprintf("%s is %s again (%s) after being %s; over the episode %s",
			head, s.state, checkText(s.checkStatus, s.checkDesc), was, failed)
	case kNoServer:
		return fmt.Sprintf("%s has a server UP again; over the episode %s", head, failed)
	case kLatency:
		return fmt.Sprintf("%s: p%g latency back under %s; it peaked at %s against a baseline of %s",
			head, d.cfg.LatencyQuantile*100, seconds(a.Threshold), seconds(a.Peak), seconds(a.Baseline))
	case kConsecutive:
		return fmt.Sprintf("%s: the run of failures ended (longest %d); over the episode %s", head, int(a.Peak), failed)
	}
	return fmt.Sprintf("%s: error ratio back under %.1f%% (peak %.1f%%); over the episode %s",
		head, a.Threshold*100, a.Peak*100, failed)
}

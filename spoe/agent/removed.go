package agent

import (
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// removedGrace is how long a server HAProxy removed is remembered. After a
// reload the old process finishes its requests and logs them (a hang logs
// its 504 after timeout server), so a server's last lines can arrive after
// the runtime API stopped listing it.
const removedGrace = 5 * time.Minute

// removedServers remembers the servers and backends HAProxy removed, so
// that their late log lines count for their backend without bringing back
// the server's detection key and metric series (or, for a removed backend,
// are not counted at all). It is used from the pipeline's goroutine only.
type removedServers struct {
	at    map[[2]string]time.Time // backend/server (server "" for a backend) -> removal
	purge time.Time               // next expiry sweep
}

// filter updates the set from a state event and rewrites or drops a
// response event of a removed key; it reports whether e is still to be
// observed.
func (r *removedServers) filter(e *event.Event, now time.Time) bool {
	key := [2]string{e.Backend, e.Server}
	switch e.Kind {
	case event.KindServerState:
		if e.State == event.StateRemoved {
			if r.at == nil {
				r.at = map[[2]string]time.Time{}
			}
			r.at[key] = now
		} else if len(r.at) > 0 {
			delete(r.at, key) // seen again: a server of that name is back
			delete(r.at, [2]string{e.Backend, ""})
		}
		return true
	case event.KindResponse:
		if len(r.at) == 0 {
			return true
		}
		if _, gone := r.at[[2]string{e.Backend, ""}]; gone {
			return false
		}
		if _, gone := r.at[key]; gone {
			e.Server = ""
		}
	}
	return true
}

// expire forgets removals older than removedGrace, at most once a minute.
func (r *removedServers) expire(now time.Time) {
	if now.Before(r.purge) {
		return
	}
	r.purge = now.Add(time.Minute)
	for key, at := range r.at {
		if now.Sub(at) > removedGrace {
			delete(r.at, key)
		}
	}
}

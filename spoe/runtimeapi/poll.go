package runtimeapi

import (
	"context"
	"time"
)

// poll runs one query and hands its results on. It reports whether the
// poll saw servers failing (failed attempts or a state change).
func (p *Poller) poll(ctx context.Context) bool {
	start := time.Now()
	st, err := Query(ctx, p.network, p.address, p.cfg.Timeout, p.cfg.MaxResponseBytes)
	p.metrics.polls.Inc()
	p.metrics.pollDuration.Observe(time.Since(start).Seconds())
	if err != nil {
		if ctx.Err() == nil {
			p.pollFailed(err)
		}
		return false
	}
	if p.failing {
		p.failing = false
		p.log.Info("stats socket answers again")
	}
	return p.publish(st, start)
}

// pollFailed counts a failure and logs it when polls start failing, so a
// HAProxy that is down does not flood the log.
func (p *Poller) pollFailed(err error) {
	p.metrics.pollErrors.Inc()
	if !p.failing {
		p.failing = true
		p.log.Warn("stats socket poll failed", "err", err)
	}
}

// publish emits the events of one poll, reports its delta and keeps it as
// the latest snapshot. It reports whether the poll produced any event.
func (p *Poller) publish(st Stat, now time.Time) bool {
	events, delta := p.tracker.observe(st, now)
	if delta.Reload {
		p.metrics.reloads.Inc()
		p.log.Info("HAProxy reloaded: counter baselines restarted", "pid", st.Pid)
	}
	for _, e := range events {
		p.metrics.events.Inc()
		if !p.sink.Offer(e) {
			p.metrics.eventsDropped.Inc()
		}
	}
	rows := make(map[BackendServer]Row, len(st.Rows))
	for _, r := range st.Rows {
		rows[r.Key()] = r
	}
	p.mu.Lock()
	p.last = Snapshot{Time: now, Pid: st.Pid, Rows: rows}
	p.mu.Unlock()
	if p.cfg.OnPoll != nil {
		p.cfg.OnPoll(delta)
	}
	return len(events) > 0
}

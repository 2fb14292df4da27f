// Package alertmanager pushes anomalies to Prometheus Alertmanager through
// its v2 API (POST /api/v2/alerts). Callers Fire and Resolve alerts by a
// key of their choosing and never wait: a background loop (Run) keeps the
// active alerts, re-sends firing ones every ResendInterval, sends resolved
// ones once with their endsAt, and retries failed POSTs with exponential
// backoff and jitter.
package alertmanager

import (
	"context"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// command is one Fire or Resolve call on its way to Run.
type command struct {
	key     string
	alert   Alert
	resolve bool
	endsAt  time.Time
}

// Client pushes alerts to one Alertmanager. Fire and Resolve may be called
// from any goroutine; Run must be running for anything to be sent.
//
// At most MaxActive alerts are kept. Firing a new key when the set is full
// evicts the alert least recently fired or resolved (counted as dropped,
// reason "evicted"); Alertmanager then resolves it by itself once its
// endsAt, four resend intervals ahead, passes.
type Client struct {
	cfg      Config
	url      string
	shownURL string // url with the password masked, for logs and errors
	cmds     chan command
	log      *slog.Logger
	metrics  *metrics
	active   *activeSet
}

// New validates cfg and registers the client's metrics on reg (nil skips
// registration); logger may be nil.
func New(cfg Config, reg prometheus.Registerer, logger *slog.Logger) (*Client, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	u, err := alertsURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Client{
		cfg: cfg, url: u, shownURL: RedactURL(u), cmds: make(chan command, cfg.QueueSize),
		log: logger.With("output", "alertmanager"), metrics: m, active: newActiveSet(cfg.MaxActive),
	}, nil
}

// Fire starts or updates the alert under key without blocking. A new key,
// or new labels, are sent at once; other updates ride on the next re-send.
// It returns false, and counts the drop, when the queue is full.
func (c *Client) Fire(key string, a Alert) bool {
	return c.enqueue(command{key: key, alert: a})
}

// Resolve ends the alert under key at endsAt (the time Run handles it when
// zero) without blocking: it is sent once as resolved, then forgotten.
// Unknown keys are ignored. It returns false when the queue is full.
func (c *Client) Resolve(key string, endsAt time.Time) bool {
	return c.enqueue(command{key: key, resolve: true, endsAt: endsAt})
}

func (c *Client) enqueue(cmd command) bool {
	select {
	case c.cmds <- cmd:
		return true
	default:
		c.metrics.dropped.WithLabelValues(dropQueueFull).Inc()
		return false
	}
}

// Run sends alerts until ctx is cancelled, then returns nil. Alerts still
// firing are not resolved on the way out: their endsAt lets Alertmanager
// expire them if hapguard does not come back.
func (c *Client) Run(ctx context.Context) error {
	ticker := time.NewTicker(tickInterval(c.cfg.ResendInterval))
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case cmd := <-c.cmds:
			c.apply(cmd)
			c.applyQueued()
		case <-ticker.C:
		}
		c.flush(ctx)
	}
}

// tickInterval is how often Run looks for alerts due for a re-send.
func tickInterval(resend time.Duration) time.Duration {
	return min(max(resend/4, 10*time.Millisecond), time.Second)
}

// applyQueued applies the commands already waiting, so that a burst of
// Fire calls leaves in one POST.
func (c *Client) applyQueued() {
	for range cap(c.cmds) {
		select {
		case cmd := <-c.cmds:
			c.apply(cmd)
		default:
			return
		}
	}
}

func (c *Client) apply(cmd command) {
	now := time.Now()
	if cmd.resolve {
		c.active.resolve(cmd.key, cmd.endsAt, now)
	} else if n := c.active.fire(cmd.key, cmd.alert, now); n > 0 {
		c.metrics.dropped.WithLabelValues(dropEvicted).Add(float64(n))
	}
	c.metrics.active.Set(float64(len(c.active.entries)))
}

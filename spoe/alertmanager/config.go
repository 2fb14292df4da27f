package alertmanager

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Defaults and limits of Config.
const (
	DefaultResendInterval = 30 * time.Second
	DefaultTimeout        = 5 * time.Second
	DefaultMaxRetries     = 3
	DefaultBackoff        = 500 * time.Millisecond
	MaxBackoff            = 30 * time.Second
	DefaultMaxActive      = 1000
	DefaultQueueSize      = 1024
	// batchSize caps the alerts of one POST.
	batchSize = 64
	// alertsPath is Alertmanager's v2 endpoint for posting alerts.
	alertsPath = "/api/v2/alerts"
)

// Config says where to push alerts and how hard to try.
type Config struct {
	// URL of Alertmanager, e.g. "http://127.0.0.1:9093" (a path prefix is
	// kept; "/api/v2/alerts" is appended). Required.
	URL string
	// ResendInterval between re-sends of a firing alert;
	// DefaultResendInterval when zero. A firing alert is sent with endsAt
	// four intervals ahead, so Alertmanager resolves it by itself if
	// hapguard stops sending (the practice of Prometheus).
	ResendInterval time.Duration
	// Timeout of one HTTP request; DefaultTimeout when zero.
	Timeout time.Duration
	// MaxRetries after a failed POST; DefaultMaxRetries when zero, none when
	// negative.
	MaxRetries int
	// Backoff before the first retry, doubled on each further one (capped
	// at MaxBackoff) with random jitter; DefaultBackoff when zero.
	Backoff time.Duration
	// MaxActive caps the alerts kept (firing, or resolved and not yet
	// sent); DefaultMaxActive when zero. See Client for the eviction rule.
	MaxActive int
	// QueueSize caps the Fire/Resolve calls waiting for Run;
	// DefaultQueueSize when zero. Calls beyond it are dropped and counted.
	QueueSize int
	// GeneratorURL, when set, is sent with every alert (e.g. the agent's
	// /api/v1/anomalies address).
	GeneratorURL string
	// HTTPClient, when set, is used instead of a default client (for TLS
	// or proxies). Timeout still bounds each request.
	HTTPClient *http.Client
}

// withDefaults fills zero values and validates the rest.
func (c Config) withDefaults() (Config, error) {
	c.ResendInterval = orDefault(c.ResendInterval, DefaultResendInterval)
	c.Timeout = orDefault(c.Timeout, DefaultTimeout)
	c.Backoff = orDefault(c.Backoff, DefaultBackoff)
	c.MaxRetries = orDefault(c.MaxRetries, DefaultMaxRetries)
	c.MaxActive = orDefault(c.MaxActive, DefaultMaxActive)
	c.QueueSize = orDefault(c.QueueSize, DefaultQueueSize)
	c.MaxRetries = max(c.MaxRetries, 0)
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{}
	}
	switch {
	case c.ResendInterval < 0 || c.Timeout < 0 || c.Backoff < 0:
		return c, fmt.Errorf("alertmanager: durations must not be negative")
	case c.MaxActive < 0 || c.QueueSize < 0:
		return c, fmt.Errorf("alertmanager: max active alerts and queue size must not be negative")
	}
	return c, nil
}

// CheckURL reports what is wrong with an Alertmanager base URL, as New
// would; the error shows the URL with any password masked.
func CheckURL(base string) error {
	_, err := alertsURL(base)
	return err
}

// alertsURL turns the configured base URL into the v2 alerts endpoint.
// Errors never repeat a password written in the URL.
func alertsURL(base string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil {
		return "", fmt.Errorf("alertmanager URL %s: not a URL", redactRaw(base))
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return "", fmt.Errorf("alertmanager URL %q: want http://host[:port] or https://host[:port]", RedactURL(base))
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("alertmanager URL %q: port %q is not a number in 1-65535", RedactURL(base), p)
		}
	}
	u.Path = strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), alertsPath) + alertsPath
	u.RawQuery, u.Fragment = "", ""
	return u.String(), nil
}

func orDefault[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

package alertmanager

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"time"
)

// maxErrorBody bounds how much of an error answer is read and reported.
const maxErrorBody = 512

// flush sends every alert that is due, in batches.
func (c *Client) flush(ctx context.Context) {
	due := c.active.due(time.Now(), c.cfg.ResendInterval)
	for len(due) > 0 && ctx.Err() == nil {
		n := min(len(due), batchSize)
		c.sendBatch(ctx, due[:n])
		due = due[n:]
	}
	c.metrics.active.Set(float64(len(c.active.entries)))
}

// sendBatch POSTs one batch with retries and records the outcome.
func (c *Client) sendBatch(ctx context.Context, batch []outgoing) {
	body := make([]payload, len(batch))
	for i, o := range batch {
		body[i] = o.p
		body[i].GeneratorURL = c.cfg.GeneratorURL
	}
	err := c.postWithRetries(ctx, body)
	if given := c.active.sent(batch, err == nil, time.Now(), c.cfg.ResendInterval); given > 0 {
		c.metrics.dropped.WithLabelValues(dropSendFailed).Add(float64(given))
	}
	if err != nil {
		c.log.Warn("alerts not delivered to Alertmanager", "alerts", len(batch), "err", err)
		return
	}
	for _, o := range batch {
		c.metrics.sent.WithLabelValues(stateName(o.resolved)).Inc()
	}
}

func stateName(resolved bool) string {
	if resolved {
		return "resolved"
	}
	return "firing"
}

// postWithRetries POSTs body, retrying network errors, 429 and 5xx answers
// up to MaxRetries times with exponential backoff and jitter.
func (c *Client) postWithRetries(ctx context.Context, body []payload) error {
	data, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode alerts: %w", err)
	}
	for attempt := 0; ; attempt++ {
		err := c.post(ctx, data)
		if err == nil {
			return nil
		}
		c.metrics.sendFailures.Inc()
		var perm permanentError
		if errors.As(err, &perm) || attempt >= c.cfg.MaxRetries {
			return err
		}
		if !sleep(ctx, backoff(c.cfg.Backoff, attempt)) {
			return fmt.Errorf("gave up on retries: %w", ctx.Err())
		}
	}
}

// permanentError is an answer that retrying cannot fix (4xx but 429).
type permanentError struct{ error }

// post sends one request, bounded by Timeout.
func (c *Client) post(ctx context.Context, data []byte) error {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.url, bytes.NewReader(data))
	if err != nil {
		return permanentError{fmt.Errorf("build request for %s: %w", c.shownURL, withoutURL(err))}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "hapguard")
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		return fmt.Errorf("POST %s: %w", c.shownURL, withoutURL(err))
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 == 2 {
		return nil
	}
	err = fmt.Errorf("POST %s: %s: %s", c.shownURL, resp.Status, bytes.TrimSpace(msg))
	if resp.StatusCode/100 == 4 && resp.StatusCode != http.StatusTooManyRequests {
		return permanentError{err}
	}
	return err
}

// backoff returns the wait before retry number attempt+1: base doubled per
// attempt, capped at MaxBackoff, then drawn uniformly from its upper half.
func backoff(base time.Duration, attempt int) time.Duration {
	d := MaxBackoff
	if attempt < 16 {
		d = min(base<<attempt, MaxBackoff)
	}
	half := d / 2
	return half + rand.N(half+1)
}

// sleep waits for d or until ctx is done; it reports whether d elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

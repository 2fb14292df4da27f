package agent

import (
	"context"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/hapguard/hapguard/spoe/agent/internal/backendpool"
)

// newUserBackend is be_app as a new user writes it: a plain "check"
// (inter 2s, fall 3), HAProxy's default 3 retries, no redispatch, so a
// request to a refusing server waits three one-second turn-arounds
// (timeout connect 1s, configuration manual §4.2 "retries") before its 503.
const newUserBackend = "    timeout connect 1s\n    timeout server 5s\n    retries 3\n    default-server check\n"

// TestRefusedDetectedBeforeClientsSee503: with only 4 client connections,
// a server that starts refusing connections is reported from the runtime
// API's failed-attempt counters before the first 503 reaches a client.
func TestRefusedDetectedBeforeClientsSee503(t *testing.T) {
	for _, branch := range []string{"2.6", "3.4"} {
		t.Run(branch, func(t *testing.T) { t.Parallel(); testRefusedDetected(t, branch) })
	}
}

func testRefusedDetected(t *testing.T, branch string) {
	cfg := stackAgentConfig(t, t.TempDir())
	cfg.PollInterval = DefaultConfig().PollInterval
	rs := startReloadStack(t, branch, cfg, newUserBackend)
	clients := startClients("http://"+rs.feAddr+"/", 4, 30*time.Second)
	defer clients.finish()
	time.Sleep(3 * time.Second)

	onset := time.Now()
	setMode(t, &stack{pool: rs.pool}, "s1", backendpool.Refuse)
	r, seenAt, ok := waitFor(t, rs.api, false, 8*time.Second, forServer("be_app", "s1", "connection_refused"))
	if !ok {
		body, _ := getAnomalies(rs.api)
		t.Fatalf("no connection_refused anomaly for s1 within 8s; active %+v", body.Active)
	}
	first503 := clients.first503(onset, 8*time.Second)
	t.Logf("HAProxy %s, 4 client connections, poll interval %v: %s fired %v after onset, first client 503 at %v: %s",
		branch, cfg.PollInterval, r.Kind, seenAt.Sub(onset).Round(time.Millisecond), first503.Sub(onset).Round(time.Millisecond), r.Message)
	if !seenAt.Before(first503) {
		t.Errorf("reported %v after onset, not before the first client 503 (%v)", seenAt.Sub(onset), first503.Sub(onset))
	}
}

// clients are n keep-alive connections sending requests back to back.
type clients struct {
	mu   sync.Mutex
	s503 []time.Time
	stop context.CancelFunc
	wg   sync.WaitGroup
}

func startClients(url string, n int, maxDuration time.Duration) *clients {
	ctx, cancel := context.WithTimeout(context.Background(), maxDuration)
	c := &clients{stop: cancel}
	for range n {
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
			for ctx.Err() == nil {
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
				resp, err := client.Do(req)
				if err != nil {
					time.Sleep(10 * time.Millisecond)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode == http.StatusServiceUnavailable {
					c.mu.Lock()
					c.s503 = append(c.s503, time.Now())
					c.mu.Unlock()
				}
			}
		}()
	}
	return c
}

// first503 waits (at most limit after since) for a 503 after since.
func (c *clients) first503(since time.Time, limit time.Duration) time.Time {
	deadline := since.Add(limit)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		for _, at := range c.s503 {
			if at.After(since) {
				c.mu.Unlock()
				return at
			}
		}
		c.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
	}
	return deadline
}

func (c *clients) finish() {
	c.stop()
	c.wg.Wait()
}

package agent

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// outcome is one request the traffic driver made.
type outcome struct {
	start   time.Time
	took    time.Duration
	status  int    // 0 when the request failed
	server  string // X-Backend-Server, set when a pool server answered
	verdict string // X-Hapguard-Verdict, set by HAProxy from the agent's answer
	// spoeWait is the time HAProxy waited for the agent (X-Test-Spoe-Wait).
	spoeWait time.Duration
	failure  string
}

// traffic sends GET requests to one URL at a fixed rate, bounded in
// duration, count and concurrency, and records every outcome.
type traffic struct {
	mu       sync.Mutex
	outcomes []outcome
	skipped  int // ticks with every request slot busy
	stop     context.CancelFunc
	done     chan struct{}
}

// startTraffic drives rate requests/s at url for at most maxDuration. Every
// request goes on its own connection, like many independent clients: with
// keep-alive, HAProxy answers a server abort on a reused connection by
// closing the client connection silently (http-reuse safe, configuration
// manual §4.2), unlogged, and Go's client retries it elsewhere, so most of
// a close-before-headers fault would never be a 502 anyone sees.
func startTraffic(url string, rate int, maxDuration time.Duration) *traffic {
	ctx, cancel := context.WithTimeout(context.Background(), maxDuration)
	tr := &traffic{stop: cancel, done: make(chan struct{})}
	client := &http.Client{
		Timeout:   3 * time.Second,
		Transport: &http.Transport{DisableKeepAlives: true, DisableCompression: true},
	}
	go tr.loop(ctx, client, url, rate)
	return tr
}

func (tr *traffic) loop(ctx context.Context, client *http.Client, url string, rate int) {
	defer close(tr.done)
	var wg sync.WaitGroup
	defer wg.Wait()
	slots := make(chan struct{}, 128)
	ticker := time.NewTicker(time.Second / time.Duration(rate))
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		select {
		case slots <- struct{}{}:
		default:
			tr.mu.Lock()
			tr.skipped++
			tr.mu.Unlock()
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			tr.record(request(client, url))
		}()
	}
}

func request(client *http.Client, url string) outcome {
	o := outcome{start: time.Now()}
	resp, err := client.Get(url)
	if err != nil {
		o.took, o.failure = time.Since(o.start), err.Error()
		return o
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	o.took, o.status, o.server = time.Since(o.start), resp.StatusCode, resp.Header.Get("X-Backend-Server")
	o.verdict = resp.Header.Get("X-Hapguard-Verdict")
	o.spoeWait = spoeWait(resp.Header.Get("X-Test-Spoe-Wait"))
	return o
}

func (tr *traffic) record(o outcome) {
	tr.mu.Lock()
	tr.outcomes = append(tr.outcomes, o)
	tr.mu.Unlock()
}

// between returns the outcomes of requests started in [from, to).
func (tr *traffic) between(from, to time.Time) []outcome {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var out []outcome
	for _, o := range tr.outcomes {
		if !o.start.Before(from) && o.start.Before(to) {
			out = append(out, o)
		}
	}
	return out
}

// finish stops the traffic and waits for requests in flight.
func (tr *traffic) finish() {
	tr.stop()
	<-tr.done
}

// spoeWait sums the milliseconds of an X-Test-Spoe-Wait header ("req/res",
// either part empty when that event did not run).
func spoeWait(h string) time.Duration {
	var total time.Duration
	for _, part := range strings.Split(h, "/") {
		if ms, err := strconv.Atoi(part); err == nil && ms > 0 {
			total += time.Duration(ms) * time.Millisecond
		}
	}
	return total
}

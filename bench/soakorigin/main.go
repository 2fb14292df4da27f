// Command soakorigin is the origin of bench/soak.sh: HTTP/1.1 servers on a
// range of loopback ports that answer 200, and, on a schedule, one of them
// at a time misbehaves for a while in one of the ways HAProxy turns into a
// 5xx (its own 500, slowness, refused connections, a hang, a close before
// the headers). Every fault is printed with its start and end, so the
// soak's report can tell a stuck anomaly from a real one. It is benchmark
// tooling: loopback only, bounded in time.
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Faults, in the order the schedule cycles through them.
const (
	healthy int32 = iota
	status500
	slow
	refuse
	hang
	closeEarly
)

var faultNames = [...]string{"healthy", "500", "slow", "refuse", "hang", "close-before-headers"}

type origin struct {
	addr string
	mode atomic.Int32
	mu   sync.Mutex
	ln   net.Listener
}

func main() {
	base := flag.Int("base-port", 19300, "first loopback port")
	n := flag.Int("ports", 60, "number of servers (ports base-port..base-port+ports-1)")
	every := flag.Duration("fault-every", 30*time.Second, "a new fault starts this often")
	lasts := flag.Duration("fault-for", 20*time.Second, "how long a fault lasts")
	duration := flag.Duration("duration", time.Hour, "stop after this long")
	quietEnd := flag.Duration("quiet-end", time.Minute, "no fault in the last part of the run")
	seed := flag.Uint64("seed", 1, "schedule seed")
	flag.Parse()
	if *n < 1 || *n > 1000 || *duration <= 0 || *every <= 0 || *lasts <= 0 || *lasts >= *every {
		fmt.Fprintln(os.Stderr, "soakorigin: need 1..1000 ports, positive durations, fault-for below fault-every")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, *duration)
	defer cancel()
	origins := make([]*origin, *n)
	for i := range origins {
		o := &origin{addr: fmt.Sprintf("127.0.0.1:%d", *base+i)}
		if err := o.listen(); err != nil {
			fmt.Fprintln(os.Stderr, "soakorigin:", err)
			os.Exit(1)
		}
		origins[i] = o
	}
	fmt.Println("ready")
	schedule(ctx, origins, *every, *lasts, *duration-*quietEnd, rand.New(rand.NewPCG(*seed, 2)))
	for _, o := range origins {
		o.set(healthy)
		o.close()
	}
}

// schedule starts a fault on a random origin every "every", each lasting
// "lasts", until ctx ends; no fault starts after faultsUntil.
func schedule(ctx context.Context, origins []*origin, every, lasts, faultsUntil time.Duration, rng *rand.Rand) {
	start := time.Now()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for k := 0; ; k++ {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if time.Since(start) > faultsUntil {
			continue
		}
		i, f := rng.IntN(len(origins)), int32(1+k%(len(faultNames)-1))
		o := origins[i]
		fmt.Printf("%s fault %s on port %s for %v\n", time.Now().Format(time.RFC3339), faultNames[f], o.addr, lasts)
		o.set(f)
		select {
		case <-ctx.Done():
			return
		case <-time.After(lasts):
		}
		o.set(healthy)
		fmt.Printf("%s healed port %s\n", time.Now().Format(time.RFC3339), o.addr)
	}
}

func (o *origin) listen() error {
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", o.addr, err)
	}
	o.mu.Lock()
	o.ln = ln
	o.mu.Unlock()
	go o.serve(ln)
	return nil
}

func (o *origin) close() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.ln != nil {
		o.ln.Close()
		o.ln = nil
	}
}

// set switches the mode; refuse closes the listener, leaving it reopens it.
func (o *origin) set(m int32) {
	prev := o.mode.Swap(m)
	switch {
	case m == refuse:
		o.close()
	case prev == refuse:
		_ = o.listen()
	}
}

func (o *origin) serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go o.handle(c)
	}
}

// handle answers requests on one connection (keep-alive) per the mode.
func (o *origin) handle(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	for {
		_ = c.SetDeadline(time.Now().Add(30 * time.Second))
		req, err := http.ReadRequest(r)
		if err != nil {
			return
		}
		req.Body.Close()
		status := 200
		switch o.mode.Load() {
		case status500:
			status = 500
		case slow:
			time.Sleep(300 * time.Millisecond)
		case hang:
			time.Sleep(5 * time.Second)
			return
		case closeEarly:
			return
		}
		if _, err := fmt.Fprintf(c, "HTTP/1.1 %d %s\r\nContent-Length: 2\r\nX-Backend-Server: %s\r\n\r\nok",
			status, http.StatusText(status), o.addr); err != nil {
			return
		}
	}
}

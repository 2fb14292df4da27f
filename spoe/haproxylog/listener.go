package haproxylog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"sync"
	"time"

	"github.com/hapguard/hapguard/spoe/endpoint"
	"github.com/hapguard/hapguard/spoe/event"
)

// Listener receives HAProxy's log stream on a syslog socket, parses every
// line and offers the resulting events to a sink without ever blocking.
type Listener struct {
	conn      endpoint.Datagram
	unixPath  string
	sink      event.Sink
	logger    *slog.Logger
	parser    *Parser
	metrics   *metrics
	sampler   *sampler
	closeOnce sync.Once
	closeErr  error
}

// NewListener validates cfg, registers the metrics and binds the socket, so
// that a busy port is reported before Run. Call Run to start reading; Close
// releases the socket if Run is never called.
func NewListener(cfg ListenerConfig) (*Listener, error) {
	if cfg.Sink == nil || cfg.Registerer == nil {
		return nil, errors.New("log listener: a sink and a registerer are required")
	}
	addr, err := parseAddr(cfg.Addr)
	if err != nil {
		return nil, err
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	conn, m, err := bindAndRegister(addr, cfg)
	if err != nil {
		return nil, err
	}
	l := &Listener{
		conn: conn, sink: cfg.Sink, logger: logger, metrics: m,
		parser:  NewParser(cfg.MaxNames),
		sampler: newSampler(logger, samplesPerMinute(cfg.UnparsableSamples)),
	}
	if addr.IsUnix() {
		l.unixPath = addr.Address
	}
	return l, nil
}

// bindAndRegister binds the socket, then registers the metrics, releasing
// the socket again if registration fails.
func bindAndRegister(addr endpoint.Endpoint, cfg ListenerConfig) (endpoint.Datagram, *metrics, error) {
	conn, err := listen(addr, cfg.SocketMode)
	if err != nil {
		return nil, nil, err
	}
	m, err := newMetrics(cfg.Registerer)
	if err != nil {
		conn.Close()
		if addr.IsUnix() {
			os.Remove(addr.Address)
		}
		return nil, nil, err
	}
	return conn, m, nil
}

// Addr returns the bound address in the form ListenerConfig.Addr takes, with
// the real port when port 0 was asked for.
func (l *Listener) Addr() string {
	if l.unixPath != "" {
		return "unixgram:" + l.unixPath
	}
	return "udp://" + l.conn.LocalAddr().String()
}

// Run reads datagrams until ctx is cancelled or the listener is closed, then
// closes the socket and returns nil. Unparsable input is counted and sampled
// to the log, never returned as an error.
func (l *Listener) Run(ctx context.Context) error {
	stop := context.AfterFunc(ctx, func() { l.Close() })
	defer stop()
	defer l.Close()
	buf := make([]byte, MaxDatagramSize+1)
	for {
		n, err := l.conn.Read(buf)
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return nil
			}
			l.readFailed(ctx, err)
			continue
		}
		l.handleDatagram(buf[:n], time.Now())
	}
}

// readFailed counts and logs a read error, then pauses briefly.
func (l *Listener) readFailed(ctx context.Context, err error) {
	l.metrics.readErrors.Inc()
	l.logger.Warn("reading HAProxy log socket", slog.String("addr", l.Addr()), slog.Any("error", err))
	select {
	case <-ctx.Done():
	case <-time.After(readErrorPause):
	}
}

// handleDatagram parses every line of one datagram (HAProxy sends one).
func (l *Listener) handleDatagram(datagram []byte, now time.Time) {
	l.metrics.datagrams.Inc()
	l.metrics.bytes.Add(float64(len(datagram)))
	if len(datagram) > MaxDatagramSize {
		l.metrics.truncated.Inc()
		datagram = datagram[:MaxDatagramSize]
	}
	var ev event.Event
	for len(datagram) > 0 {
		var line []byte
		line, datagram, _ = bytes.Cut(datagram, []byte("\n"))
		if len(bytes.TrimRight(line, "\r\x00 ")) == 0 {
			continue
		}
		kind := l.parser.Parse(line, now, &ev)
		l.metrics.lines[kind].Inc()
		if kind.HasEvent() {
			l.sink.Offer(ev)
		} else if kind == LineUnparsable {
			l.sampler.sample(now, line)
		}
	}
}

// Close releases the socket (and removes a unix socket file). It is safe to
// call more than once and concurrently with Run.
func (l *Listener) Close() error {
	l.closeOnce.Do(func() {
		l.closeErr = l.conn.Close()
		if l.unixPath != "" {
			if err := os.Remove(l.unixPath); err != nil && !errors.Is(err, fs.ErrNotExist) && l.closeErr == nil {
				l.closeErr = fmt.Errorf("remove log socket: %w", err)
			}
		}
	})
	return l.closeErr
}

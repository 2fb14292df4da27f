package haproxylog

import (
	"log/slog"
	"time"
)

// DefaultUnparsableSamples is how many unparsable lines are logged per minute
// unless configured otherwise.
const DefaultUnparsableSamples = 5

// sampleExcerpt is the longest part of an unparsable line that is logged.
const sampleExcerpt = 256

// sampler logs at most limit unparsable lines per minute, and how many it
// left out, so that a flood of garbage cannot flood the agent's own log.
type sampler struct {
	logger     *slog.Logger
	limit      int
	window     time.Time
	logged     int
	suppressed int
}

func newSampler(logger *slog.Logger, limit int) *sampler {
	return &sampler{logger: logger, limit: limit}
}

// sample records one unparsable line received at now.
func (s *sampler) sample(now time.Time, line []byte) {
	if now.Sub(s.window) >= time.Minute || now.Before(s.window) {
		s.flush()
		s.window, s.logged = now, 0
	}
	if s.logged >= s.limit {
		s.suppressed++
		return
	}
	s.logged++
	excerpt := line[:min(len(line), sampleExcerpt)]
	s.logger.Warn("unparsable HAProxy log line",
		slog.String("line", string(excerpt)), slog.Int("length", len(line)))
}

// flush logs how many lines the last window left out, if any.
func (s *sampler) flush() {
	if s.suppressed > 0 {
		s.logger.Warn("unparsable HAProxy log lines not shown",
			slog.Int("count", s.suppressed), slog.Duration("window", time.Minute))
		s.suppressed = 0
	}
}

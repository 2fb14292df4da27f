package detect

import (
	"fmt"
	"strings"
	"time"

	"github.com/hapguard/hapguard/spoe/event"
)

// wording is how a message names a cause: the termination-state code, what
// the server(s) did, and the operator's next step (DESIGN §3.1). The words
// come from event.Cause's table; a few situations reword them.
type wording struct{ code, did, step string }

// keepAliveRace is the wording for SH aborts with a low connect time spread
// over several servers: the servers closed idle connections HAProxy reused.
var keepAliveRace = wording{"SH", "closed idle keep-alive connections HAProxy reused, a keep-alive race",
	"add 'retry-on conn-failure empty-response' and make the servers' idle timeout longer than HAProxy's"}

// diedBeforeChecks is the wording for a server that failed requests and
// then went DOWN.
const diedBeforeChecks = "the server died or is being redeployed before checks caught it: consider 'option redispatch', 'observe layer7' and a shorter 'fastinter'"

// explain builds the one-line message and the next step of anomaly a.
func (d *Detector) explain(s *series, k kindIndex, a *Anomaly) (msg, step string) {
	switch k {
	case kServerDown:
		return d.explainDown(s, a)
	case kNoServer:
		return d.explainNoServer(s, a)
	case kLatency:
		step = "check the application and what it depends on (database, downstream calls) for slowness"
		return fmt.Sprintf("%s: p%g latency %s against a baseline of %s (threshold %s, %d samples): %s",
			subject(s), d.cfg.LatencyQuantile*100, seconds(a.Observed), seconds(a.Baseline),
			seconds(a.Threshold), a.Samples, step), step
	}
	w := d.wordingOf(s, a.Cause)
	detail := fmt.Sprintf("%.1f%% of %d requests failed", a.Observed*100, a.Samples)
	if n := s.scratch.win.causes[event.CauseNoServer]; n > 0 && k == kErrorRatio {
		detail += fmt.Sprintf(", %d of them <NOSRV>", n)
	}
	if k == kConsecutive {
		if s.attemptsLead() {
			stall := ""
			if s.attemptStalled {
				stall = ", no response from it for a second while HAProxy held requests for it"
			}
			return fmt.Sprintf("%s %s (%s, %d failed attempts in a row counted by the runtime API from econ, wretr and layer-4 chkfail%s, %d errors seen by clients so far): %s",
				subject(s), w.did, w.code, int(a.Observed), stall, a.Errors, w.step), w.step
		}
		detail = fmt.Sprintf("%d in a row", int(a.Observed))
	}
	return fmt.Sprintf("%s %s (%s, %d of %d errors, %s): %s",
		subject(s), w.did, w.code, a.CauseErrors, a.Errors, detail, w.step), w.step
}

// wordingOf picks the wording of cause c on s, recognising the keep-alive
// race and naming the typical duration of server timeouts.
func (d *Detector) wordingOf(s *series, c event.Cause) wording {
	w := wording{c.Code(), c.Did(), c.NextStep()}
	win := &s.scratch.win
	switch {
	case c == event.CauseServerAbort && s.isBackend() && s.scratch.abortServers >= 2 &&
		win.lowConnectSH*5 >= win.causes[c]*4:
		return keepAliveRace
	case c == event.CauseServerTimeout && win.timeouts > 0:
		avg := time.Duration(win.timeoutMs/uint64(win.timeouts)) * time.Millisecond
		w.code = "sH after ~" + seconds(avg.Seconds())
	}
	return w
}

func (d *Detector) explainDown(s *series, a *Anomaly) (msg, step string) {
	if a.CauseErrors > 0 && a.Cause != event.CauseServerDown {
		return fmt.Sprintf("server %s in %s went DOWN after %d errors (%s, %d of %d): %s",
			s.key.server, s.key.backend, a.Errors, d.wordingOf(s, a.Cause).code,
			a.CauseErrors, a.Errors, diedBeforeChecks), diedBeforeChecks
	}
	status, desc := s.checkStatus, s.checkDesc
	if !checkFailed(status) && s.failedCheck != "" {
		status, desc = s.failedCheck, s.failedDesc // rising again: say why it went DOWN
	}
	step = checkStep(status)
	return fmt.Sprintf("server %s in %s is DOWN (%s): %s",
		s.key.server, s.key.backend, checkText(status, desc), step), step
}

func (d *Detector) explainNoServer(s *series, a *Anomaly) (msg, step string) {
	step = checkStep(s.lastCheck)
	if s.lastCheck == "" {
		step = event.CauseNoServer.NextStep()
	}
	check := ""
	if s.lastCheck != "" {
		check = "; last failed check " + s.lastCheck
	}
	if a.CauseErrors == 0 {
		return fmt.Sprintf("backend %s has no server UP%s: %s", s.key.backend, check, step), step
	}
	return fmt.Sprintf("backend %s had no server available (<NOSRV>, %d of %d requests%s): %s",
		s.key.backend, a.CauseErrors, a.Samples, check, step), step
}

// checkFailed reports whether a check status names a failure rather than
// a pass (L4OK, L6OK, L7OK, L7OKC) or no result.
func checkFailed(status string) bool {
	switch status {
	case "", "UNK", "INI", "L4OK", "L6OK", "L7OK", "L7OKC":
		return false
	}
	return true
}

// checkStep maps a health-check status to the next step (DESIGN §3.1).
func checkStep(check string) string {
	switch {
	case strings.HasPrefix(check, "L4"), check == "SOCKERR":
		return "the server is down or unreachable: check the host and the network path"
	case strings.HasPrefix(check, "L7"):
		return "the health endpoint answers a wrong status or too slowly: check the check definition (path, Host header)"
	case strings.HasPrefix(check, "L6"):
		return "TLS to the server fails: check sni, check-sni and the CA"
	}
	return "check the host and its health check definition"
}

func checkText(status, desc string) string {
	switch {
	case status == "":
		return "no check status"
	case desc == "":
		return "check " + status
	}
	return "check " + status + ": " + desc
}

// subject names the key in a message.
func subject(s *series) string {
	if !s.isBackend() {
		return "server " + s.key.server + " in " + s.key.backend
	}
	if n := max(s.scratch.spreadErr, s.scratch.spreadLat); n >= 2 {
		return fmt.Sprintf("%d servers of %s", n, s.key.backend)
	}
	return "backend " + s.key.backend
}

// seconds formats a duration given in seconds: "0.4ms", "850ms", "1.25s".
func seconds(v float64) string {
	if v < 0.01 {
		return fmt.Sprintf("%.1fms", v*1000)
	}
	if v < 1 {
		return fmt.Sprintf("%.0fms", v*1000)
	}
	return fmt.Sprintf("%.2gs", v)
}

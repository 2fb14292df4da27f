package agent

import "log/slog"

// missingInputs names each input the printed wiring feeds that cfg turns
// off, with what the agent is blind to without it.
func missingInputs(cfg Config) [][2]string {
	var out [][2]string
	if cfg.SPOEListen == "" {
		out = append(out, [2]string{"spoe_listen",
			"no verdict for HAProxy to set X-Hapguard-Verdict, and no per-response timers"})
	}
	if cfg.SyslogListen == "" {
		out = append(out, [2]string{"syslog_listen",
			"the 502/503/504 HAProxy answers itself (PH, SH, sH, SC, <NOSRV>) are not seen: no SPOE response event fires for them"})
	}
	if cfg.HAProxySocket == "" {
		out = append(out, [2]string{"haproxy_socket",
			"server DOWN/UP, check status and 'no server UP' are not seen"})
	}
	return out
}

// warnMissingInputs logs one warning per input the wiring needs that is off,
// so that an agent run with its defaults next to the full wiring says so.
func warnMissingInputs(cfg Config, logger *slog.Logger) {
	for _, m := range missingInputs(cfg) {
		logger.Warn("input off: "+m[1], "key", m[0],
			"hint", "hapguard agent print-haproxy-config prints the wiring and the matching command line")
	}
}

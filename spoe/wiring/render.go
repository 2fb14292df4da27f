package wiring

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/spoe/haproxylog"
	"github.com/hapguard/hapguard/spoe/server"
)

// Wiring is the generated configuration, split so that it can be pasted or
// embedded into a complete haproxy.cfg. Section bodies are indented lines
// without their section header; Backend is a whole section.
type Wiring struct {
	// Version is the HAProxy version the wiring was generated for.
	Version string
	// SPOEConfPath is where SPOEConf must be installed.
	SPOEConfPath string
	// SPOEConf is the complete SPOE engine file.
	SPOEConf string
	// Global holds the lines for the global section (log, stats socket).
	Global string
	// Defaults holds the lines for the HTTP defaults section (log-format,
	// unique-id-format).
	Defaults string
	// Frontend holds the lines for every HTTP frontend to watch (SPOE
	// filter, request start time, verdict header).
	Frontend string
	// Backend is the complete `backend hapguard-agents` section.
	Backend string
}

// Render generates the wiring for opts.
func Render(opts Options) (Wiring, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return Wiring{}, err
	}
	agent, err := agentServerAddress(opts.AgentAddress)
	if err != nil {
		return Wiring{}, err
	}
	logAddr, err := logTarget(opts.SyslogAddress)
	if err != nil {
		return Wiring{}, err
	}
	f := featuresOf(opts.HAProxyVersion)
	return Wiring{
		Version:      opts.HAProxyVersion,
		SPOEConfPath: opts.SPOEConfigPath,
		SPOEConf:     spoeConf(opts, f),
		Global:       global(logAddr, opts.StatsSocket),
		Defaults:     defaults(),
		Frontend:     frontend(opts.SPOEConfigPath),
		Backend:      backend(agent, f),
	}, nil
}

// lines joins indented configuration lines, one per element.
func lines(ls ...string) string {
	var b strings.Builder
	for _, l := range ls {
		if l == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("    " + l + "\n")
	}
	return b.String()
}

func spoeConf(opts Options, f features) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# SPOE engine for hapguard agent, HAProxy %s.\n[%s]\n\n", opts.HAProxyVersion, Engine)
	fmt.Fprintf(&b, "spoe-agent %s\n", Engine)
	agentLines := []string{
		"messages " + server.MessageName,
		"option var-prefix " + server.VarPrefix,
		"option set-on-error error",
		"option set-process-time process_time",
		"register-var-names " + server.VerdictVar,
	}
	if f.helloTimeout {
		agentLines = append(agentLines, "timeout hello 2s", "timeout idle 2m")
	}
	agentLines = append(agentLines, "timeout processing 50ms", "use-backend "+AgentsBackend,
		"log global", "option dontlog-normal")
	b.WriteString(lines(agentLines...))
	fmt.Fprintf(&b, "\nspoe-message %s\n", server.MessageName)
	b.WriteString(lines(messageLines(opts.Backends, f)...))
	return b.String()
}

// messageLines declares the response message: what HAProxy knows about the
// response, with the timers where the version has them.
func messageLines(backends []string, f features) []string {
	args := []string{
		server.ArgFrontend + "=fe_name",
		server.ArgBackend + "=be_name",
		server.ArgServer + "=srv_name",
		server.ArgStatus + "=status",
		server.ArgUniqueID + "=unique-id",
		server.ArgT0 + "=var(" + server.RequestStartVar + ")",
		server.ArgT1 + "=date(0,us)",
	}
	if f.timers {
		args = append(args, server.ArgQueue+"=req.timer.queue", server.ArgConnect+"=bc.timer.connect",
			server.ArgResponse+"=res.timer.hdr")
	}
	out := []string{"args " + strings.Join(args, " ")}
	if len(backends) == 0 {
		return append(out, "event on-http-response")
	}
	return append(out, "acl hapguard_watched be_name -m str "+strings.Join(backends, " "),
		"event on-http-response if hapguard_watched")
}

func global(logAddr, statsSocket string) string {
	target, unix := statsSocketTarget(statsSocket)
	socket := "stats socket " + target
	if unix {
		socket += " mode 660"
	}
	return lines(
		"# hapguard: HAProxy's log stream (every transaction, its own 502/503/504 included)",
		"log "+logAddr+" local0",
		"# hapguard: runtime API for server state; operator level is enough for show stat",
		socket+" level operator",
	)
}

func defaults() string {
	return lines(
		"# hapguard: log every transaction with its unique-id, to join SPOE and log events",
		"log global",
		`log-format "`+haproxylog.RecommendedLogFormat+`"`,
		"unique-id-format "+haproxylog.RecommendedUniqueIDFormat,
	)
}

func frontend(spoeConfPath string) string {
	verdict := "var(txn." + server.VarPrefix + "." + server.VerdictVar + ")"
	return lines(
		"# hapguard: send every server response to the agent",
		"filter spoe engine "+Engine+" config "+spoeConfPath,
		"# hapguard: request start time, for the latency on versions without response timers",
		"http-request set-var("+server.RequestStartVar+") date(0,us)",
		"# hapguard: optional, expose the agent's verdict on the response",
		"http-response set-header X-Hapguard-Verdict %["+verdict+"] if { "+verdict+" -m found }",
	)
}

func backend(agent string, f features) string {
	mode := "tcp"
	if f.spopMode {
		mode = "spop"
	}
	return "backend " + AgentsBackend + "\n" + lines(
		"mode "+mode,
		"balance roundrobin",
		"# a dead agent is taken out at once instead of every request waiting on it",
		"option spop-check",
		"timeout connect 1s",
		"timeout server 3m",
		"server agent1 "+agent+" check inter 2s fall 2 rise 2",
	)
}

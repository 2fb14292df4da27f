package wiring

import (
	"fmt"
	"strings"

	"github.com/hapguard/hapguard/spoe/haproxylog"
	"github.com/hapguard/hapguard/spoe/server"
)

// Wiring is the generated configuration: the SPOE engine file, the lines
// every watched HTTP frontend needs, and haproxy-hapguard.cfg, a file with
// its own sections that HAProxy loads after the user's configuration.
type Wiring struct {
	// Version is the HAProxy version the wiring was generated for.
	Version string
	// SPOEConfPath is where SPOEConf must be installed.
	SPOEConfPath string
	// SPOEConf is the complete SPOE engine file.
	SPOEConf string
	// Global holds the indented line to add to the global section: the stats
	// socket (a global section in a later file draws a diagnostic from
	// HAProxy 3.0+: "the prevalence of their statements is unspecified").
	Global string
	// Frontend holds the indented lines to add to each HTTP frontend whose
	// traffic is watched: the log target and formats (per proxy; HAProxy
	// cannot add lines to a section another file declared) and the verdict
	// header.
	Frontend string
	// Backend is the line to add to each HTTP backend to watch: the SPOE
	// filter. In a backend, the request-side event can name the backend
	// (be_name is not available to a frontend's on-backend-http-request
	// message, and HAProxy refuses the filter there).
	Backend string
	// Listen is the line to add to each HTTP listen section to watch, instead
	// of Backend.
	Listen string
	// Extra is haproxy-hapguard.cfg: the agents' backend with its own named
	// defaults section.
	Extra string
	// Inputs are the agent's addresses that match this wiring.
	Inputs Inputs
}

// Render generates the wiring for opts.
func Render(opts Options) (Wiring, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return Wiring{}, err
	}
	agent, err := agentServerAddress(opts.AgentAddress, opts.Chroot)
	if err != nil {
		return Wiring{}, err
	}
	logAddr, err := logTarget(opts.SyslogAddress, opts.Chroot)
	if err != nil {
		return Wiring{}, err
	}
	stats, statsUnix, err := statsSocketTarget(opts.StatsSocket)
	if err != nil {
		return Wiring{}, err
	}
	inputs, err := inputsOf(opts)
	if err != nil {
		return Wiring{}, fmt.Errorf("wiring: %w", err)
	}
	f := featuresOf(opts.HAProxyVersion)
	w := Wiring{
		Inputs:       inputs,
		Version:      opts.HAProxyVersion,
		SPOEConfPath: opts.SPOEConfigPath,
		SPOEConf:     spoeConf(opts, f),
		Global:       global(stats, statsUnix, opts.SocketGroup),
		Frontend:     frontend(logAddr, f),
		Backend:      filterLines(Engine, opts.SPOEConfigPath),
		Listen:       filterLines(ListenEngine, opts.SPOEConfigPath),
	}
	w.Extra = extra(w, agent, f)
	return w, nil
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

// verdictVar is the transaction variable every ACK sets.
const verdictVar = "var(txn." + server.VarPrefix + "." + server.VerdictVar + ")"

// frontend is what each watched HTTP frontend needs. The header rule is an
// http-after-response rule: unlike http-response, it also runs on the
// responses HAProxy generates itself (configuration manual §4.2,
// "http-after-response"), so the verdict reaches clients on its own
// 502/503/504 too.
func frontend(logAddr string, f features) string {
	ls := []string{
		"# hapguard: the agent's verdict on every response, HAProxy's own 502/503/504 included",
		"http-after-response set-header X-Hapguard-Verdict %[" + verdictVar + "] if { " + verdictVar + " -m found }",
	}
	if logAddr != "" {
		ls = append(ls, "# hapguard: the log stream to the agent, each transaction with its unique-id",
			"log "+logAddr+" local0",
			"unique-id-format "+haproxylog.RecommendedUniqueIDFormat,
			`log-format "`+haproxylog.RecommendedLogFormat+`"`)
	}
	if !f.timers {
		ls = append(ls, "# hapguard: request start time (this version has no response-timer fetches)",
			"http-request set-var("+server.RequestStartVar+") date(0,us)")
	}
	return lines(ls...)
}

// filterLines is the SPOE filter of engine each watched backend (or listen
// section) declares.
func filterLines(engine, spoeConfPath string) string {
	return lines("# hapguard: requests and responses to the agent",
		"filter spoe engine "+engine+" config "+spoeConfPath)
}

// extra is haproxy-hapguard.cfg.
func extra(w Wiring, agent string, f features) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# hapguard wiring for HAProxy %s (hapguard agent print-haproxy-config).\n", w.Version)
	b.WriteString("# Load this file after your own configuration, as one more -f:\n")
	b.WriteString("#   haproxy -f /etc/haproxy/haproxy.cfg -f /etc/haproxy/haproxy-hapguard.cfg\n")
	if w.Global != "" {
		b.WriteString("# and add this line to your global section:\n#\n")
		commented(&b, w.Global)
		b.WriteString("#\n")
	}
	b.WriteString("# add these lines to each HTTP frontend:\n#\n")
	commented(&b, w.Frontend)
	b.WriteString("#\n# and this line to each HTTP backend to watch:\n#\n")
	commented(&b, w.Backend)
	b.WriteString("#\n# or, in a listen section, this one:\n#\n")
	commented(&b, w.Listen)
	b.WriteString("\n" + agentsBackend(agent, f))
	return b.String()
}

// commented writes configuration lines as comments.
func commented(b *strings.Builder, text string) {
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		b.WriteString("#" + l + "\n")
	}
}

// global is the stats socket line for the global section, target in
// HAProxy's syntax ("" when the runtime API input is off).
func global(target string, unix bool, group string) string {
	if target == "" {
		return ""
	}
	socket := "stats socket " + target
	if unix {
		// HAProxy creates the socket as the user it starts as (root under
		// systemd): the group lets the agent's user in.
		socket += " mode 660 group " + group
	}
	return lines(
		"# hapguard: runtime API for server state; operator level is enough for show stat",
		socket+" level operator",
	)
}

// agentsBackend is the agents' backend with a named defaults section of its
// own: a plain backend would inherit the user's last defaults section, whose
// HTTP-only settings (unique-id-format with %rt, log-format, http rules)
// HAProxy 3.0 refuses and 3.2+ warns about in a TCP/SPOP backend.
func agentsBackend(agent string, f features) string {
	mode := "tcp"
	if f.spopMode {
		mode = "spop"
	}
	return "defaults " + AgentsDefaults + "\n" + lines(
		"mode "+mode,
		"# a refused connection fails the waiting messages at once instead of",
		"# being retried while requests wait for timeout processing",
		"retries 0",
		"timeout connect 1s",
		"timeout server 3m",
	) + "\nbackend " + AgentsBackend + " from " + AgentsDefaults + "\n" + lines(
		"balance roundrobin",
		"# a dead agent is taken out at its first refused connection, and the",
		"# messages are not sent while no agent is up: no request waits for it",
		"option spop-check",
		"server agent1 "+agent+" "+AgentCheck,
	)
}

// AgentCheck is the health checking of the agent server: HAProxy's SPOP
// check (a HELLO handshake) every 500 ms, and "observe layer4" so that the
// first connection the SPOE engine cannot open marks the agent DOWN at once
// (configuration manual §5.2, "observe", "error-limit", "on-error").
const AgentCheck = "check inter 500ms fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down"

func spoeConf(opts Options, f features) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# SPOE engines for hapguard agent, HAProxy %s: %s for backends, %s for listen sections.\n",
		opts.HAProxyVersion, Engine, ListenEngine)
	for _, engine := range []string{Engine, ListenEngine} {
		fmt.Fprintf(&b, "\n[%s]\n\nspoe-agent %s\n", engine, engine)
		b.WriteString(lines(agentLines(f)...))
		for _, m := range messages(opts.Backends, f, engine == ListenEngine) {
			fmt.Fprintf(&b, "\nspoe-message %s\n", m.name)
			b.WriteString(lines(m.lines...))
		}
	}
	return b.String()
}

// agentLines are the settings of a spoe-agent section.
func agentLines(f features) []string {
	ls := []string{
		"messages " + server.RequestMessageName + " " + server.MessageName,
		"option var-prefix " + server.VarPrefix,
		"option set-on-error error",
		"option set-process-time process_time",
		"register-var-names " + server.VerdictVar,
	}
	if f.helloTimeout {
		ls = append(ls, "timeout hello 2s", "timeout idle 2m")
	}
	return append(ls, "timeout processing 50ms", "use-backend "+AgentsBackend,
		"log global", "option dontlog-normal")
}

type message struct {
	name  string
	lines []string
}

// messages declares the two messages: the backend on request (its ACK sets
// the backend's verdict before HAProxy may answer itself), and the response
// with what HAProxy knows about it (timers where the version has them; its
// ACK narrows the verdict to the server). None is sent while no agent is
// UP, so a dead agent costs requests nothing once HAProxy knows it. There
// is no on-server-session message: with it HAProxy 3.4.0's watchdog killed
// the process when servers sent invalid responses (a stream looping in
// flt_stream_check_timeouts, measured in the integration test).
func messages(backends []string, f features, listen bool) []message {
	proxy := "be_name"
	if listen {
		proxy = "fe_name"
	}
	req := server.ArgBackend + "=" + proxy
	t := server.ArgBackend + "=be_name"
	s := server.ArgServer + "=srv_name"
	args := []string{
		server.ArgFrontend + "=fe_name", t, s,
		server.ArgStatus + "=status",
		server.ArgUniqueID + "=unique-id",
		server.ArgT0 + "=var(" + server.RequestStartVar + ")",
		server.ArgT1 + "=date(0,us)",
	}
	if f.timers {
		args = append(args, server.ArgQueue+"=req.timer.queue", server.ArgConnect+"=bc.timer.connect",
			server.ArgResponse+"=res.timer.hdr")
	}
	return []message{
		{server.RequestMessageName, eventLines([]string{req}, "on-backend-http-request", proxy, backends)},
		{server.MessageName, eventLines(args, "on-http-response", "be_name", backends)},
	}
}

// eventLines are the args, ACLs and event of one message; proxy is the
// fetch naming the watched proxy.
func eventLines(args []string, event, proxy string, backends []string) []string {
	out := []string{
		"args " + strings.Join(args, " "),
		"acl hapguard_agent_up nbsrv(" + AgentsBackend + ") gt 0",
	}
	cond := "hapguard_agent_up"
	if len(backends) > 0 {
		out = append(out, "acl hapguard_watched "+proxy+" -m str "+strings.Join(backends, " "))
		cond += " hapguard_watched"
	}
	return append(out, "event "+event+" if "+cond)
}

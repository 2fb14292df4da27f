# Shared by bench/agent.sh and bench/soak.sh (source it; needs bash).

# setup_work makes the work directory $work and the list $pids of the
# processes the script starts; on exit every one is stopped and $work
# removed (kept with KEEP=1).
setup_work() {
	work=$(mktemp -d)
	echo "work dir: $work" >&2
	pids=()
	trap cleanup EXIT
	trap "exit 130" INT TERM
}

cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	[ -n "${KEEP:-}" ] || rm -rf "$work"
}
#
# write_wiring HAPGUARD WORK SPOE_PORT SYSLOG_PORT FE_PORT FRONTEND_LINE
# writes WORK/spoe.conf, WORK/haproxy-hapguard.cfg and WORK/haproxy.cfg from
# the exact wiring `hapguard agent print-haproxy-config --haproxy-version 2.6`
# prints (SPOE events, log stream, stats socket WORK/admin.sock): global with
# the printed global line, defaults (mode http and timeouts), and frontend
# fe_main bound to FE_PORT with FRONTEND_LINE (its routing) and the printed
# frontend lines. Callers append their backends, each with the printed
# backend line, which it leaves in WORK/backend-lines.cfg, and load
# WORK/haproxy.cfg then WORK/haproxy-hapguard.cfg (haproxy_files).
write_wiring() {
	local hapguard=$1 work=$2 spoe_port=$3 syslog_port=$4 fe_port=$5 route=$6
	"$hapguard" agent print-haproxy-config --haproxy-version 2.6 \
		--spoe-listen "tcp://127.0.0.1:$spoe_port" --syslog-listen "udp://127.0.0.1:$syslog_port" \
		--haproxy-socket "$work/admin.sock" --spoe-config-path "$work/spoe.conf" >"$work/wiring.txt"
	sed -n '/^#### part 1 of 3/,/^#### end of .*spoe.conf/p' "$work/wiring.txt" | sed '1d;$d' >"$work/spoe.conf"
	sed -n '/^#### part 3 of 3/,/^#### end of haproxy-hapguard.cfg/p' "$work/wiring.txt" | sed '1d;$d' >"$work/haproxy-hapguard.cfg"
	wiring_part "$work/wiring.txt" '# add to each HTTP backend to watch:' >"$work/backend-lines.cfg"
	{
		printf 'global\n    maxconn 4000\n'
		wiring_part "$work/wiring.txt" '# add to your global section:'
		printf '\ndefaults\n    mode http\n    timeout connect 1s\n    timeout client 10s\n    timeout server 10s\n'
		printf '\nfrontend fe_main\n    bind 127.0.0.1:%s\n    %s\n' "$fe_port" "$route"
		wiring_part "$work/wiring.txt" '# add to each HTTP frontend:'
	} >"$work/haproxy.cfg"
}

# wiring_part FILE HEADER prints the indented lines that follow HEADER in
# part 2 of the printed wiring, up to the next "# ..." header or part end.
wiring_part() {
	awk -v h="$2" '$0 == h {on = 1; next} on && /^(#|$)/ {on = 0} on' "$1"
}

# haproxy_files WORK prints the -f arguments that load the configuration.
haproxy_files() {
	printf '%s\n' -f "$1/haproxy.cfg" -f "$1/haproxy-hapguard.cfg"
}

# wait_port PORT waits (at most 5 s) until something listens on PORT.
wait_port() {
	for _ in $(seq 100); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
		sleep 0.05
	done
	echo "port $1 never opened" >&2
	return 1
}

# port_free PORT fails when something already listens there (a leftover run).
port_free() {
	if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
		echo "port $1 is busy: is another run still going?" >&2
		return 1
	fi
}

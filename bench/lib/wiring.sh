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
# writes WORK/spoe.conf and WORK/haproxy.cfg from the exact wiring
# `hapguard agent print-haproxy-config --haproxy-version 2.6` prints (SPOE
# filter on every response, log stream, stats socket WORK/admin.sock):
# global, defaults (mode http and timeouts added), frontend fe_main bound to
# FE_PORT with FRONTEND_LINE (its routing), and backend hapguard-agents.
# Callers append their backends.
write_wiring() {
	local hapguard=$1 work=$2 spoe_port=$3 syslog_port=$4 fe_port=$5 route=$6
	"$hapguard" agent print-haproxy-config --haproxy-version 2.6 \
		--spoe-listen "tcp://127.0.0.1:$spoe_port" --syslog-listen "udp://127.0.0.1:$syslog_port" \
		--haproxy-socket "$work/admin.sock" --spoe-config-path "$work/spoe.conf" >"$work/wiring.txt"
	sed -n '/^#### part 1 of 2/,/^#### end of .*spoe.conf/p' "$work/wiring.txt" | sed '1d;$d' >"$work/spoe.conf"
	sed -n '/^#### part 2 of 2/,/^#### end of haproxy.cfg lines/p' "$work/wiring.txt" | sed '1d;$d' |
		sed -e '/^defaults$/a\    mode http\n    timeout connect 1s\n    timeout client 10s\n    timeout server 10s' \
			-e "/^frontend fe_main\$/a\\    bind 127.0.0.1:$fe_port\\n    $route" \
			-e '/^global$/a\    maxconn 4000' >"$work/haproxy.cfg"
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

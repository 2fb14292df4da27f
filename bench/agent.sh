#!/usr/bin/env bash
# HAProxy throughput with the hapguard agent against the same HAProxy with a
# do-nothing SPOE agent on the same library (bench/nopagent), in the same
# run on the same machine, rounds interleaved. Prints, per round and as
# median, min and max over the rounds: requests/s of each agent, their ratio
# (DESIGN.md section 5 asks for >= 0.95), and each agent's CPU seconds per
# million requests (user+system time of the agent process during the timed
# run, /proc/PID/stat, over the requests wrk completed). The CPU figure is
# the stable one: the throughput ratio moves with whatever else the machine
# runs, the agent's own cost per request much less.
#
# Both runs use the exact wiring `hapguard agent print-haproxy-config
# --haproxy-version 2.6` prints (SPOE filter on every response, log stream,
# stats socket); HAProxy also serves the origin itself (a second frontend
# answering 200 with `http-request return`), so no other server is needed.
#
# Usage: bench/agent.sh   (env: DURATION=10s CONNS=50 THREADS=2 ROUNDS=10)
# Needs haproxy, wrk and go. Listens on loopback ports 1908x only.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNS=${CONNS:-50}
THREADS=${THREADS:-2}
ROUNDS=${ROUNDS:-10}
FE_PORT=19080 ORIGIN_PORT=19081 SPOE_PORT=19082 SYSLOG_PORT=19083 HTTP_PORT=19084

# shellcheck source=bench/lib/wiring.sh
. bench/lib/wiring.sh
setup_work

go build -o "$work/hapguard" ./cmd/hapguard
go build -o "$work/nopagent" ./bench/nopagent

write_wiring "$work/hapguard" "$work" "$SPOE_PORT" "$SYSLOG_PORT" "$FE_PORT" "default_backend be_app"
cat >>"$work/haproxy.cfg" <<CFG

backend be_app
$(cat "$work/backend-lines.cfg")
    server origin 127.0.0.1:$ORIGIN_PORT

frontend fe_origin
    bind 127.0.0.1:$ORIGIN_PORT
    no log
    http-request return status 200 content-type text/plain string ok
CFG
mapfile -t cfgs < <(haproxy_files "$work")
haproxy -c -q "${cfgs[@]}"

# run_round AGENT appends the requests/s HAProxy served with that agent to
# $work/AGENT.txt. It runs in this shell (never in $(...)) so that cleanup
# knows every process it started.
run_round() {
	for port in "$FE_PORT" "$ORIGIN_PORT" "$SPOE_PORT" "$HTTP_PORT"; do port_free "$port"; done
	if [ "$1" = hapguard ]; then
		"$work/hapguard" agent --spoe-listen "tcp://127.0.0.1:$SPOE_PORT" \
			--syslog-listen "udp://127.0.0.1:$SYSLOG_PORT" --haproxy-socket "$work/admin.sock" \
			--http-listen "127.0.0.1:$HTTP_PORT" 2>"$work/agent.log" &
	else
		"$work/nopagent" --listen "127.0.0.1:$SPOE_PORT" &
	fi
	local agent=$!
	pids+=("$agent")
	wait_port "$SPOE_PORT"
	haproxy -db "${cfgs[@]}" >"$work/haproxy.log" 2>&1 &
	local hap=$!
	pids+=("$hap")
	wait_port "$FE_PORT"
	wrk -t"$THREADS" -c"$CONNS" -d2s "http://127.0.0.1:$FE_PORT/" >/dev/null # warm-up
	# The agent must really be in the path: its verdict comes back as a
	# header (a single answer can miss it if it took over `timeout processing`).
	local seen=0
	for _ in $(seq 20); do
		if curl -fsS -D - -o /dev/null "http://127.0.0.1:$FE_PORT/" | grep -qi '^X-Hapguard-Verdict: ok'; then
			seen=1
			break
		fi
	done
	if [ "$seen" = 0 ]; then
		echo "no verdict header from the $1 agent in 20 requests: SPOE is not in the path" >&2
		return 1
	fi
	local before
	before=$(cpu_ticks "$agent")
	wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "http://127.0.0.1:$FE_PORT/" >"$work/wrk.txt"
	local used
	used=$(($(cpu_ticks "$agent") - before))
	if grep -q "Non-2xx" "$work/wrk.txt"; then
		echo "non-2xx responses with $1:" >&2
		cat "$work/wrk.txt" >&2
	fi
	kill "$hap" "$agent"
	wait "$hap" "$agent" 2>/dev/null || true
	awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt" >>"$work/$1.txt"
	awk -v t="$used" -v hz="$TICKS" '/ requests in / {printf "%.3f\n", t / hz / $1 * 1e6}' "$work/wrk.txt" >>"$work/$1.cpu"
}

# spread FILE prints "median M (min A, max B)" of the numbers in FILE.
spread() {
	printf 'median %s (min %s, max %s)' "$(median <"$1")" "$(sort -g "$1" | head -n1)" "$(sort -g "$1" | tail -n1)"
}

# cpu_ticks PID prints the user+system clock ticks a process has used.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: >"$work/nop.txt"
: >"$work/hapguard.txt"
: >"$work/nop.cpu"
: >"$work/hapguard.cpu"
: >"$work/ratio.txt"
for round in $(seq "$ROUNDS"); do
	run_round nop
	run_round hapguard
	nop=$(tail -n1 "$work/nop.txt") hg=$(tail -n1 "$work/hapguard.txt")
	awk -v a="$hg" -v b="$nop" 'BEGIN {printf "%.3f\n", a / b}' >>"$work/ratio.txt"
	printf 'round %d: do-nothing agent %s req/s (%s CPU s per million), hapguard agent %s req/s (%s CPU s per million), ratio %s\n' \
		"$round" "$nop" "$(tail -n1 "$work/nop.cpu")" "$hg" "$(tail -n1 "$work/hapguard.cpu")" "$(tail -n1 "$work/ratio.txt")"
done
echo "over $ROUNDS interleaved rounds of $DURATION, $CONNS connections, $THREADS wrk threads:"
echo "throughput ratio hapguard/do-nothing: $(spread "$work/ratio.txt")"
echo "hapguard agent CPU seconds per million requests (SPOE and log inputs on): $(spread "$work/hapguard.cpu")"
echo "do-nothing agent CPU seconds per million requests: $(spread "$work/nop.cpu")"
echo "requests/s: do-nothing $(spread "$work/nop.txt"); hapguard $(spread "$work/hapguard.txt")"

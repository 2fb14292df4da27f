#!/usr/bin/env bash
# Soak run of the hapguard agent against a real HAProxy (loopback only,
# bounded in time): sustained traffic over many backends, a reload every
# RELOAD_EVERY seconds that renames every server, and a fault every
# FAULT_EVERY seconds on one origin server (its own 500, slowness, refused
# connections, a hang past timeout server, a close before the headers),
# none in the last QUIET_END seconds. Every SAMPLE_EVERY seconds it prints
# the agent's RSS, CPU, queue drops, number of metric series, tracked keys
# and active anomalies; at the end, RSS after the warm-up (min, max, growth),
# RSS at 5 minutes and every 10 minutes, and the anomalies still active
# once every fault has been healed for QUIET_END seconds (stuck ones: want
# 0). --help prints this.
#
# Usage: bench/soak.sh --duration 20m   (s, m or h; at most 6h)
# env: BACKENDS=20 SERVERS=3 CONNS=4 DELAY_MS=10 RELOAD_EVERY=60
#      FAULT_EVERY=30 FAULT_FOR=20 QUIET_END=90 SAMPLE_EVERY=30 WARMUP=300
# Needs haproxy, wrk, curl and go. Listens on loopback ports 19280-19284
# and 19300 upwards only. KEEP=1 keeps the work directory.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."

to_seconds() {
	case $1 in
	*h) echo $((${1%h} * 3600)) ;;
	*m) echo $((${1%m} * 60)) ;;
	*s) echo "${1%s}" ;;
	*) echo "$1" ;;
	esac
}
DURATION=
while [ $# -gt 0 ]; do
	case $1 in
	--duration) DURATION=$(to_seconds "$2"); shift 2 ;;
	-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "usage: bench/soak.sh --duration 20m" >&2; exit 2 ;;
	esac
done
if ! [[ $DURATION =~ ^[0-9]+$ ]] || [ "$DURATION" -lt 120 ] || [ "$DURATION" -gt 21600 ]; then
	echo "--duration: between 2m and 6h, e.g. --duration 20m" >&2
	exit 2
fi
BACKENDS=${BACKENDS:-20} SERVERS=${SERVERS:-3} CONNS=${CONNS:-4} DELAY_MS=${DELAY_MS:-10}
RELOAD_EVERY=${RELOAD_EVERY:-60} FAULT_EVERY=${FAULT_EVERY:-30} FAULT_FOR=${FAULT_FOR:-20}
QUIET_END=${QUIET_END:-90} SAMPLE_EVERY=${SAMPLE_EVERY:-30} WARMUP=${WARMUP:-300}
FE_PORT=19280 SPOE_PORT=19282 SYSLOG_PORT=19283 HTTP_PORT=19284 ORIGIN_BASE=19300
WARMUP=$((WARMUP < DURATION / 2 ? WARMUP : DURATION / 4))

# shellcheck source=bench/lib/wiring.sh
. bench/lib/wiring.sh
setup_work

for port in "$FE_PORT" "$SPOE_PORT" "$HTTP_PORT" "$ORIGIN_BASE"; do port_free "$port"; done
go build -o "$work/hapguard" ./cmd/hapguard
go build -o "$work/soakorigin" ./bench/soakorigin
write_wiring "$work/hapguard" "$work" "$SPOE_PORT" "$SYSLOG_PORT" "$FE_PORT" \
	'use_backend be%[path,field(2,/)] if { path_reg ^/[0-9]+/ }'
cp "$work/haproxy.cfg" "$work/wiring.cfg"

# write_cfg GEN writes haproxy.cfg with every server named for generation GEN.
write_cfg() {
	{
		cat "$work/wiring.cfg"
		for b in $(seq 0 $((BACKENDS - 1))); do
			printf '\nbackend be%d\n    balance roundrobin\n    retries 2\n    option redispatch\n' "$b"
			printf '    timeout server 2s\n    default-server check inter 1s fall 2 rise 2\n'
			cat "$work/backend-lines.cfg"
			for s in $(seq 0 $((SERVERS - 1))); do
				printf '    server s%d-g%d 127.0.0.1:%d\n' "$s" "$1" $((ORIGIN_BASE + b * SERVERS + s))
			done
		done
	} >"$work/haproxy.cfg.new"
	mv "$work/haproxy.cfg.new" "$work/haproxy.cfg"
}

cat >"$work/traffic.lua" <<LUA
math.randomseed(42)
request = function() return wrk.format("GET", "/" .. math.random(0, $((BACKENDS - 1))) .. "/") end
delay = function() return $DELAY_MS end
LUA

"$work/soakorigin" --base-port "$ORIGIN_BASE" --ports $((BACKENDS * SERVERS)) --duration "$((DURATION + 60))s" \
	--fault-every "${FAULT_EVERY}s" --fault-for "${FAULT_FOR}s" --quiet-end "$((QUIET_END + 60))s" >"$work/faults.log" &
pids+=("$!")
"$work/hapguard" agent --spoe-listen "tcp://127.0.0.1:$SPOE_PORT" --syslog-listen "udp://127.0.0.1:$SYSLOG_PORT" \
	--haproxy-socket "$work/admin.sock" --http-listen "127.0.0.1:$HTTP_PORT" 2>"$work/agent.log" &
agent=$!
pids+=("$agent")
wait_port "$SPOE_PORT"
gen=0
write_cfg "$gen"
mapfile -t cfgs < <(haproxy_files "$work")
haproxy -c -q "${cfgs[@]}"
haproxy -W -db "${cfgs[@]}" >"$work/haproxy.log" 2>&1 &
master=$!
pids+=("$master")
wait_port "$FE_PORT"
wrk -t1 -c"$CONNS" -d"${DURATION}s" --timeout 5s -s "$work/traffic.lua" "http://127.0.0.1:$FE_PORT/" >"$work/wrk.txt" 2>&1 &
traffic=$!
pids+=("$traffic")

TICKS=$(getconf CLK_TCK)
metric() { awk -v n="$1" '$1 == n {v += $2} END {printf "%d", v}' "$work/metrics.txt"; }
sample() {
	curl -fsS "http://127.0.0.1:$HTTP_PORT/metrics" >"$work/metrics.txt"
	local rss cpu
	rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$agent/status")
	cpu=$(awk -v hz="$TICKS" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$agent/stat")
	printf '%6d %8s %8s %6s %8s %7s %6s %6s %5s %6d\n' "$1" "$rss" "$cpu" \
		"$(metric hapguard_agent_queue_dropped_events_total)" "$(grep -vc '^#' "$work/metrics.txt")" \
		"$(metric hapguard_agent_metric_pairs)" "$(metric hapguard_agent_detector_keys)" \
		"$(metric hapguard_agent_anomalies_active)" "$(metric hapguard_agent_runtime_reloads_total)" "$gen" |
		tee -a "$work/samples.txt"
}

printf '%6s %8s %8s %6s %8s %7s %6s %6s %5s %6s\n' t_s rss_mb cpu_s qdrop series pairs keys active rlds gen
start=$(date +%s)
next_reload=$RELOAD_EVERY
while :; do
	now=$(($(date +%s) - start))
	[ "$now" -ge "$DURATION" ] && break
	if [ "$now" -ge "$next_reload" ]; then
		gen=$((gen + 1))
		write_cfg "$gen"
		kill -USR2 "$master"
		next_reload=$((next_reload + RELOAD_EVERY))
	fi
	if [ $((now % SAMPLE_EVERY)) -eq 0 ]; then sample "$now"; fi
	sleep 1
done
wait "$traffic" || true
sample "$DURATION"
curl -fsS "http://127.0.0.1:$HTTP_PORT/api/v1/anomalies" >"$work/anomalies.json"

echo "== summary: $DURATION s, $BACKENDS backends x $SERVERS servers, $gen reloads renaming every server, faults every ${FAULT_EVERY}s for ${FAULT_FOR}s, none in the last ${QUIET_END}s"
echo "faults injected: $(grep -c ' fault ' "$work/faults.log" || true)"
awk '/requests in/ {print "requests: " $1} /Requests\/sec/ {print "requests/s: " $2} /Non-2xx/ {print "non-2xx responses: " $NF}' "$work/wrk.txt"
awk -v w="$WARMUP" '$1 >= w {n++; if (n == 1) first = $2; last = $2; if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2}
	END {printf "RSS after %d s warm-up: first %.1f MB, last %.1f MB, min %.1f, max %.1f, max/min %.3f, last/first %.3f\n", w, first, last, min, max, max / min, last / first}' "$work/samples.txt"
awk 'BEGIN {m = 300} $1 >= m {printf "%s%d min %.1f MB", sep, m / 60, $2; sep = ", "; m = m == 300 ? 600 : m + 600}
	END {print sep == "" ? "none (shorter than 5 minutes)" : ""}' "$work/samples.txt" | sed 's/^/RSS by minute (first sample from it): /'
awk '{c = $3; s = $5} END {printf "agent CPU: %.1f s in total; metric series at the end: %d\n", c, s}' "$work/samples.txt"
awk 'NR == 1 {m = $5} $5 > m {m = $5} END {printf "most metric series in a sample: %d\n", m}' "$work/samples.txt"
echo "queue drops at the end: $(metric hapguard_agent_queue_dropped_events_total)"
stuck=$(sed 's/"recent".*//' "$work/anomalies.json" | grep -o '"kind":"[a-z_0-9]*","backend":"[^"]*"\(,"server":"[^"]*"\)\?' | head -50 || true)
echo "anomalies firing ${QUIET_END}s after the last fault healed (stuck): $(metric hapguard_agent_anomalies_active)"
[ -z "$stuck" ] || echo "$stuck"
echo "anomalies fired during the run: $(grep -c '"anomaly firing"' "$work/agent.log" || true), resolved: $(grep -c '"anomaly resolved"' "$work/agent.log" || true)"

#!/usr/bin/env bash
# Lint benchmark (DESIGN §5): for configurations of 1,000 / 10,000 / 50,000
# backends (5 servers each, health checks, one frontend routing to all),
# measures wall time and peak RSS of `hapguard lint` and of `haproxy -c -f`
# on the same file, in one run, and prints the ratio.
# Usage: bench/lint.sh [BACKENDS...]   (default: 1000 10000 50000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 50000}")
[ $# -eq 0 ] && sizes=(1000 10000 50000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/hapguard" ./cmd/hapguard
go build -o "$work/gencfg" ./bench/gencfg
command -v haproxy >/dev/null || { echo "haproxy not found: apt-get install haproxy" >&2; exit 1; }

measure() { # prints "seconds peak_kib"
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$work/time"
}

printf '%-9s %9s %11s %11s %13s %13s %8s\n' backends lines lint_s lint_MiB haproxy_c_s haproxy_MiB speedup
for n in "${sizes[@]}"; do
  cfg="$work/bench-$n.cfg"
  "$work/gencfg" -backends "$n" > "$cfg"
  read -r ls lk < <(measure "$work/hapguard" lint --format json --fail-on error "$cfg")
  read -r hs hk < <(measure haproxy -c -f "$cfg")
  printf '%-9s %9s %11s %11s %13s %13s %8s\n' "$n" "$(wc -l < "$cfg")" "$ls" "$((lk / 1024))" "$hs" "$((hk / 1024))" \
    "$(awk -v a="$hs" -v b="$ls" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }')"
done

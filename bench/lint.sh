#!/usr/bin/env bash
# Lint benchmark (DESIGN §5), whole processes, hapguard and `haproxy -c -dr`
# on the same files in one run:
#  1. configurations of 1,000 / 10,000 / 50,000 backends (5 servers each,
#     health checks, one frontend routing to all): wall time, peak RSS, ratio;
#  2. the shape matrix: every shape of internal/benchcfg (the shapes the
#     scaling guard in rules/scaling_test.go lints in-process) at two sizes
#     8x apart: time and peak RSS of both programs at each size, the speed
#     ratio at the larger size and hapguard's growth factor.
# Wall time is what a user waits; CPU time (user+sys, all threads) is also
# printed because on a shared machine it moves far less with the load, and
# the growth factor is computed from it.
# Usage: bench/lint.sh [BACKENDS...]       (default: 1000 10000 50000)
# Environment: SHAPE_SIZES="5000 40000" (two sizes), SHAPES="servers acls"
# (a subset), SKIP_BACKENDS=1 or SKIP_SHAPES=1 to run one part only.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(1000 10000 50000)
read -r small large <<<"${SHAPE_SIZES:-5000 40000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/hapguard" ./cmd/hapguard
go build -o "$work/gencfg" ./bench/gencfg
go build -o "$work/measure" ./bench/measure
command -v haproxy >/dev/null || { echo "haproxy not found: apt-get install haproxy" >&2; exit 1; }
shapes=(${SHAPES:-$("$work/gencfg" -h 2>&1 | sed -n 's/.*shape to generate: //p' | tr -d ,)})

# measure prints "wall_seconds cpu_seconds peak_MiB" (bench/measure: times to
# the millisecond from the kernel's accounting). hapguard runs three times
# (least times, largest memory): its small runs take tens of milliseconds;
# haproxy -c, up to minutes on some shapes, runs once.
lint() { "$work/measure" -runs 3 -- "$work/hapguard" lint --haproxy-version 2.6 --format json --fail-on error "$1"; }
check() { "$work/measure" -- haproxy -c -dr -f "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "n/a" }'; }

if [ -z "${SKIP_BACKENDS:-}" ]; then
  printf '%-9s %8s %8s %8s %8s %8s %8s %8s %8s\n' backends lines lint_s lint_cpu lint_MiB hap_s hap_cpu hap_MiB speedup
  for n in "${sizes[@]}"; do
    cfg="$work/bench-$n.cfg"
    "$work/gencfg" -backends "$n" >"$cfg"
    read -r ls lc lm < <(lint "$cfg")
    read -r hs hc hm < <(check "$cfg")
    printf '%-9s %8s %8s %8s %8s %8s %8s %8s %8s\n' "$n" "$(wc -l <"$cfg")" "$ls" "$lc" "$lm" "$hs" "$hc" "$hm" "$(ratio "$hs" "$ls")"
    rm -f "$cfg"
  done
  echo
fi

if [ -z "${SKIP_SHAPES:-}" ]; then
  echo "shape matrix: N=$small and 8N=$large; speedup = haproxy -c wall / hapguard wall at 8N; growth = hapguard CPU at 8N / at N"
  printf '%-15s %7s %7s %7s %7s %8s %8s %8s %8s %8s %8s %7s\n' shape lint_s lint_cpu lint_MiB lint8_s lint8_cpu lint8_MiB \
    hap8_s hap8_cpu hap8_MiB speedup growth
  for shape in "${shapes[@]}"; do
    row=()
    for n in "$small" "$large"; do
      dir="$work/$shape-$n"
      "$work/gencfg" -shape "$shape" -n "$n" -dir "$dir"
      target="$dir"
      [ "$(ls "$dir" | wc -l)" -eq 1 ] && target="$dir/$(ls "$dir")"
      read -r ls lc lm < <(lint "$target")
      row+=("$ls" "$lc" "$lm")
      if [ "$n" = "$large" ]; then
        read -r hs hc hm < <(check "$target")
        row+=("$hs" "$hc" "$hm")
      fi
      rm -rf "$dir"
    done
    printf '%-15s %7s %7s %7s %7s %8s %8s %8s %8s %8s %8s %7s\n' "$shape" "${row[@]}" \
      "$(ratio "${row[6]}" "${row[3]}")" "$(ratio "${row[4]}" "${row[1]}")"
  done
fi

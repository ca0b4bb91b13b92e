#!/usr/bin/env bash
# Stress captures for memory: (a) COUNT one-packet TCP conversations, (b) one conversation of
# COUNT segments (sequence wraps, reordering, retransmissions). For each: `conv`, `flow` to a
# file and the window's first pass, with time, peak RSS and private memory per packet.
# usage: tests/bench/run-stress.sh BUILD_DIR [COUNT]   (or: cmake --build BUILD_DIR --target stress)
# STRESS_GUI=1 also runs `synflow --benchmark` on each under xvfb-run (slow).
set -euo pipefail
build=$(realpath "${1:-build}")
cmake --build "$build" --target synflow-benchgen synflow-firstpass synflow-cli >/dev/null # built on demand
count=${2:-1000000}
cli="$build/app/synflow-cli"
out="$build/bench"
mkdir -p "$out"

run() { # label, command...: prints seconds, peak RSS and the private memory the command reports
    local label=$1; shift
    /usr/bin/time -f "%e %M" "$@" > "$out/stress.out" 2> "$out/stress.err" || { echo "$label: FAILED"; tail -3 "$out/stress.err"; return; }
    set -- $(tail -1 "$out/stress.err")
    local per
    per=$(grep -ho 'bytes_per_packet=[0-9.]*' "$out/stress.err" "$out/stress.out" | head -1 | cut -d= -f2 || true)
    printf '  %-12s %8s s  peak RSS %6d MB  private %s B/packet\n' "$label" "$1" $(( $2 / 1024 )) "${per:--}"
}

for mode in one-packet one-stream; do
    file="$out/stress-$mode-$count.pcap"
    [ -s "$file" ] || "$build/tests/bench/synflow-benchgen" "--$mode" "$file" "$count"
    cat "$file" > /dev/null
    echo "$mode: $file ($(stat -c %s "$file") bytes)"
    SYNFLOW_STATS=1 run conv "$cli" conv "$file"
    SYNFLOW_STATS=1 run flow "$cli" flow "$file" -o "$out/stress-$mode.flow.txt"
    echo "  flow text: $(wc -l < "$out/stress-$mode.flow.txt") lines, $(( $(stat -c %s "$out/stress-$mode.flow.txt") / 1000000 )) MB"
    run "first pass" "$build/tests/bench/synflow-firstpass" "$file"
    if [ "${STRESS_GUI:-0}" = 1 ] && [ -x "$build/app/synflow" ]; then
        xvfb-run -a "$build/app/synflow" --benchmark "$file" | grep -E "whole load|anonymous memory"
    fi
done

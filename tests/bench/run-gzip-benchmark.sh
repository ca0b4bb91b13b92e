#!/usr/bin/env bash
# Opening a gzip-compressed capture against reading it with zcat, on the benchmark capture
# (issue 16: at most zcat's time plus 20 %). Makes BUILD_DIR/bench/http-PACKETS.pcap.gz once.
# usage: tests/bench/run-gzip-benchmark.sh BUILD_DIR [PLAIN_CAPTURE]
#   PLAIN_CAPTURE defaults to BUILD_DIR/bench/http-1350000.pcap (made by run-benchmark.sh).
#   BENCH_RUNS=N: runs per contender (median counts, default 3).
# Exit status 1 when the target is missed.
set -euo pipefail
build=$(realpath "${1:-build}")
plain=${2:-$build/bench/http-1350000.pcap}
cli="$build/app/synflow-cli"
out="$build/bench"
mkdir -p "$out"
[ -s "$plain" ] || { echo "no plain capture at $plain: run tests/bench/run-benchmark.sh $build first" >&2; exit 2; }
gz="$out/$(basename "$plain").gz"
if [ ! -s "$gz" ] || [ "$gz" -ot "$plain" ]; then
    echo "compressing $plain (gzip, default level) ..."
    gzip -c "$plain" > "$gz.part" && mv "$gz.part" "$gz"
fi
cat "$gz" > /dev/null # page cache warm for both alike

runs=${BENCH_RUNS:-3}
median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }
zc=() syn=()
for ((i = 0; i < runs; i++)); do
    zc+=("$(/usr/bin/time -f "%e" -o "$out/gzip-bench.time" zcat "$gz" > /dev/null && cat "$out/gzip-bench.time")")
    syn+=("$(/usr/bin/time -f "%e" -o "$out/gzip-bench.time" "$cli" info "$gz" > /dev/null && cat "$out/gzip-bench.time")")
done
z=$(printf '%s\n' "${zc[@]}" | median)
s=$(printf '%s\n' "${syn[@]}" | median)
echo "capture: $gz ($(( $(stat -c %s "$gz") / 1000000 )) MB compressed, $(( $(stat -c %s "$plain") / 1000000 )) MB plain); median of $runs runs"
echo "zcat > /dev/null:        ${zc[*]} s  (median $z)"
echo "synflow-cli info FILE.gz: ${syn[*]} s  (median $s)"
awk -v s="$s" -v z="$z" 'BEGIN {
    r = z > 0 ? s / z : 0
    printf "synflow / zcat: %.2fx (target at most 1.20x): %s\n", r, r <= 1.2 ? "met" : "MISSED"
    exit r <= 1.2 ? 0 : 1 }'

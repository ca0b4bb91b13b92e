#!/usr/bin/env bash
# Times SynFlow against tshark on the same large capture, in the same run.
# usage: tests/bench/run-benchmark.sh [--stats] BUILD_DIR [SHARED_CAPTURES_DIR] [PACKETS]
#   (or: cmake --build BUILD_DIR --target benchmark, or --target benchmark-stats)
# --stats: only the Statistics part (the CLI twins against tshark -q -z, and the windows).
set -euo pipefail
part=all
if [ "${1:-}" = --stats ]; then
    part=stats
    shift
fi
build=$(realpath "${1:-build}")
shared=${2:-$(dirname "$0")/../../../shared/captures}
packets=${3:-1350000}
src=$(realpath "$(dirname "$0")/../..")
# The tools are built on demand (a CI-style build leaves them out of "all").
cmake --build "$build" --target synflow-benchgen synflow-benchwalk synflow-cli $([ -d "$build/app/gui" ] && echo synflow) >/dev/null
cli="$build/app/synflow-cli"
out="$build/bench"
mkdir -p "$out"
file="$out/http-$packets.pcap"

if [ ! -s "$file" ]; then
    inputs=()
    for f in zk-206_example_b.pcap; do # a real HTTP download: ~960 bytes a packet, like the issue's capture
        [ -f "$shared/$f" ] && inputs+=("$shared/$f")
    done
    # Without the shared captures, the project's own loopback HTTP captures stand in.
    [ ${#inputs[@]} -gt 0 ] || inputs=("$src/tests/data/loopback-http.pcap" "$src/resources/demo/demo-clean.pcapng")
    "$build/tests/bench/synflow-benchgen" "$file" "$packets" "${inputs[@]}"
fi
size=$(stat -L -c %s "$file")
cat "$file" > /dev/null # page cache warm for every contender alike

runs=${BENCH_RUNS:-3} # each contender runs this often; the median time counts (tshark's own time varies ±20 %)

measure() { # name, command...: prints "name seconds maxrss_kb [extra]" of the median run
    local name=$1; shift
    local stats i
    : > "$out/$name.times"
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f "%e %M" "$@" > /dev/null 2> "$out/$name.err"
        tail -1 "$out/$name.err" >> "$out/$name.times"
    done
    stats=$(grep -o 'bytes_per_packet=[0-9.]*' "$out/$name.err" || true)
    echo "$name $(sort -n "$out/$name.times" | sed -n "$(( (runs + 1) / 2 ))p") ${stats#bytes_per_packet=}"
    echo "$name: $(cut -d' ' -f1 "$out/$name.times" | tr '\n' ' ')s" >> "$out/all-times.txt"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }

echo "capture: $file ($packets packets, $((size / 1000000)) MB); median of $runs runs each; load: $(uptime | sed 's/.*load/load/')"
: > "$out/all-times.txt"
if [ "$part" = stats ]; then
    source "$(dirname "$0")/stats-benchmark.sh"
    exit 0
fi
results=()
results+=("$(measure walk "$build/tests/bench/synflow-benchwalk" "$file")")
results+=("$(SYNFLOW_STATS=1 measure info "$cli" info "$file")")
results+=("$(SYNFLOW_STATS=1 measure conv "$cli" conv "$file")")
if command -v tshark > /dev/null; then
    results+=("$(measure tshark_conv tshark -r "$file" -q -z conv,tcp)")
    results+=("$(measure tshark_conv_nodeseg tshark -r "$file" -q -o tcp.desegment_tcp_streams:FALSE -z conv,tcp)")
fi

printf '%-22s %10s %12s %16s\n' "run" "seconds" "max RSS MB" "anon B/packet"
declare -A secs
for r in "${results[@]}"; do
    set -- $r
    secs[$1]=$2
    printf '%-22s %10s %12s %16s\n' "$1" "$2" "$(( $3 / 1024 ))" "${4:--}"
done
echo
cat "$out/all-times.txt"
echo
echo "info vs bare record walk:           $(ratio "${secs[info]}" "${secs[walk]}")x the walk's time"
if [ -n "${secs[tshark_conv]:-}" ]; then
    echo "tshark -z conv,tcp / synflow info:  $(ratio "${secs[tshark_conv]}" "${secs[info]}")x faster"
    echo "tshark -z conv,tcp / synflow conv:  $(ratio "${secs[tshark_conv]}" "${secs[conv]}")x faster (full TCP analysis)"
    echo "tshark (no desegmentation) / conv:  $(ratio "${secs[tshark_conv_nodeseg]}" "${secs[conv]}")x faster"
fi

# A million short connections (the project's own 12-packet loopback HTTP exchange, repeated with
# shifted addresses): per-conversation state must stay bounded.
short="$out/short-connections.pcap"
[ -s "$short" ] || "$build/tests/bench/synflow-benchgen" "$short" 12000000 "$src/tests/data/loopback-http.pcap"
cat "$short" > /dev/null
r=$(SYNFLOW_STATS=1 measure conv_short "$cli" conv --format tsv "$short")
convs=$(SYNFLOW_STATS=1 "$cli" conv --format tsv "$short" 2> /dev/null | tail -n +2 | wc -l)
set -- $r
echo
echo "short connections: $convs TCP conversations in 12000000 packets: conv $2 s, max RSS $(( $3 / 1024 )) MB," \
     "$4 B/packet anonymous memory (all of it, per-packet index and analysis included: $(awk -v b="$4" -v n=12000000 -v c="$convs" 'BEGIN { printf "%.0f", b * n / c }') B a conversation)"

echo
source "$(dirname "$0")/stats-benchmark.sh"

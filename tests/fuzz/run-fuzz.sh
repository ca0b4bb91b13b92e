#!/bin/sh
# Runs the libFuzzer targets one after another, one job each, FUZZ_SECONDS (default 60) each:
#   tests/fuzz/run-fuzz.sh BUILD_FUZZ_DIR [TARGET...]
# New corpus entries stay in BUILD_FUZZ_DIR/corpus/TARGET; seeds come from tests/data, the shared
# captures (read in place: they are large), tests/fuzz/corpus/TARGET and, for the filter,
# tests/core/filter/filters.txt. Crash, leak, timeout and out-of-memory inputs are copied to
# tests/fuzz/regressions/TARGET-KIND-HASH, where fuzz_replay picks them up.
# Exit status 1 if any target found something.
set -eu
build=$(cd "$1" && pwd)
shift
src=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${FUZZ_SECONDS:-60}
# FUZZ_RUNS instead: that many runs each from a fixed seed, the same every time (CI's smoke run:
# it finds only what the code brings, never what a faster machine happened to reach).
if [ -n "${FUZZ_RUNS:-}" ]; then
    limit="-runs=$FUZZ_RUNS -seed=1" what="$FUZZ_RUNS runs"
else
    limit="-max_total_time=$seconds" what="${seconds}s"
fi
shared=${SYNFLOW_SHARED_CAPTURES:-$src/../shared/captures}
targets=${*:-capture pcap pcapng decoder tcp filter flow writers compressed stats}
found=""
SYNFLOW_FUZZ_TMP=$(mktemp -d "$( [ -d /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/synflow-fuzz.XXXXXX")
export SYNFLOW_FUZZ_TMP
trap 'rm -rf "$SYNFLOW_FUZZ_TMP"' EXIT

# Symlinks to the captures whose names end in $1 (pcap, pcapng or both), in one seed folder
# (tests/data's subfolders too: X11 and QUIC).
link_captures() {
    for dir in "$src/tests/data" "$src"/tests/data/*/ "$shared" "$shared/breadth"; do
        dir=${dir%/}
        [ -d "$dir" ] || continue
        for f in "$dir"/*.$1; do
            [ -f "$f" ] && ln -sf "$f" "$2/$(basename "$dir")-$(basename "$f")"
        done
    done
    return 0
}

for t in $targets; do
    bin=$build/tests/fuzz/fuzz_$t
    [ -x "$bin" ] || { echo "run-fuzz: $bin is not built" >&2; exit 2; }
    corpus=$build/corpus/$t seeds=$build/fuzz-seeds/$t work=$build/fuzz-work/$t
    rm -rf "$seeds" "$work"
    mkdir -p "$corpus" "$seeds" "$work"
    dict="" crafted=""
    maxlen=65536
    case $t in
    pcap) link_captures pcap "$seeds" ;;
    pcapng) link_captures pcapng "$seeds" ;;
    capture | flow | writers | stats) link_captures pcap "$seeds"; link_captures pcapng "$seeds" ;;
    filter)
        maxlen=512
        n=0
        while IFS= read -r line; do
            n=$((n + 1))
            printf '%s' "$line" > "$seeds/filters-$n"
        done < "$src/tests/core/filter/filters.txt"
        # Dictionary: the operators and keywords, and every word and quoted string of the seed filters.
        { cat "$src/tests/fuzz/filter.dict"
          grep -oE '"[^"]*"|[A-Za-z_][A-Za-z0-9_.]*' "$src/tests/core/filter/filters.txt" | sort -u |
              sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/'
        } > "$work/filter.dict"
        dict="-dict=$work/filter.dict" ;;
    tcp) maxlen=8192 ;;
    esac
    [ -d "$src/tests/fuzz/corpus/$t" ] && crafted="$src/tests/fuzz/corpus/$t"
    echo "run-fuzz: $t for $what"
    # New entries go to the first folder ($corpus); the others are only read.
    # -jobs=1: libFuzzer runs the target in a child and logs to fuzz-0.log in the working folder.
    status=0
    (cd "$work" && nice "$bin" -jobs=1 -workers=1 $limit -max_len=$maxlen -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work/" $dict "$corpus" "$seeds" $crafted) >/dev/null 2>&1 || status=$?
    grep -E '^(stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb|SUMMARY)' "$work/fuzz-0.log" |
        sed "s/^/run-fuzz: $t: /" || true
    for a in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
        [ -f "$a" ] || continue
        kind=$(basename "$a" | cut -d- -f1)
        cp "$a" "$src/tests/fuzz/regressions/$t-$kind-$(sha1sum < "$a" | cut -c1-12)"
        found="$found $t"
        echo "run-fuzz: $t: $kind input kept as tests/fuzz/regressions/$t-$kind-... (log: $work/fuzz-0.log)" >&2
    done
    [ "$status" = 0 ] || case " $found " in *" $t "*) ;; *) found="$found $t"; echo "run-fuzz: $t exited $status (log: $work/fuzz-0.log)" >&2 ;; esac
done
if [ -n "$found" ]; then
    echo "run-fuzz: findings in:$found" >&2
    exit 1
fi

#!/bin/bash
# Compares two synflow-cli builds on every capture: `fields` (plain and with -Y), exit status
# and stderr included, and `detail` of the first 40 frames. Used when moving field knowledge
# around (the registry) to show the output did not change by a byte.
#   tests/core/fields/compare-cli-output.sh OLD_CLI NEW_CLI [SHARED_CAPTURES]
set -u
old=$1 new=$2
here=$(cd "$(dirname "$0")/../../.." && pwd)
shared=${3:-$here/../shared/captures}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dump() { # CLI OUTDIR
    local cli=$1 out=$2 f n i
    mkdir -p "$out"
    for f in "$shared"/*.pcap* "$shared"/breadth/*.pcap* "$here"/tests/data/*.pcap* "$here"/tests/fuzz/regressions/*; do
        [ -f "$f" ] || continue
        n=$(echo "$f" | tr / _)
        { "$cli" fields "$f"; echo "rc $?"; } > "$out/$n.fields" 2>&1
        { "$cli" fields "$f" -Y "tcp.stream == 0 || udp || frame.len > 100 || tcp.analysis.flags"; echo "rc $?"; } > "$out/$n.filtered" 2>&1
        case "$f" in */breadth/*|*/regressions/*) continue ;; esac
        for i in $(seq 1 40); do "$cli" detail "$f" -n "$i" 2>&1; echo "rc $?"; done > "$out/$n.detail"
    done
}

dump "$old" "$work/old"
dump "$new" "$work/new"
echo "$(ls "$work/old" | wc -l) outputs compared"
diff -r "$work/old" "$work/new" > "$work/diff" && echo "identical" && exit 0
head -50 "$work/diff"
exit 1

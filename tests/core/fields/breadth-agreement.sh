#!/bin/bash
# Agreement of `synflow-cli fields` with the tshark oracles on every breadth capture, per
# capture and per column (shared/tools/oracle-diff does the comparing). A measuring tool for
# finding which classes of captures fall short; the ctest suite tst_breadthoracle is the check.
#   tests/core/fields/breadth-agreement.sh [CLI] [BREADTH_DIR] [OUT_DIR]
# Prints one line per capture below 100% ("NAME  min%  column..."), then per-column totals.
set -u
here=$(cd "$(dirname "$0")/../../.." && pwd)
cli=${1:-$here/build/app/synflow-cli}
dir=${2:-$here/../shared/captures/breadth}
out=${3:-$(mktemp -d)}
diff=$(dirname "$dir")/../tools/oracle-diff
[ -x "$diff" ] || diff=$here/../shared/tools/oracle-diff
mkdir -p "$out"
one() { # CAPTURE: our fields and the diff against its oracle
    local cap=$1 name
    name=$(basename "$cap"); name=${name%.*}
    [ -f "$dir/oracle/$name.tsv" ] || return 0
    "$cli" fields "$cap" > "$out/$name.tsv" 2> "$out/$name.err"
    "$diff" "$dir/oracle/$name.tsv" "$out/$name.tsv" --show 3 > "$out/$name.diff"
}
export -f one; export cli dir out diff
ls "$dir"/*.pcap "$dir"/*.pcapng "$dir"/*.cap 2>/dev/null | xargs -P "${JOBS:-2}" -I{} bash -c 'one "$1"' _ {}
total=0 full=0
: > "$out/columns.txt"
for d in "$out"/*.diff; do
    name=$(basename "$d" .diff)
    total=$((total + 1))
    grep -E '^[^ ]+ +[0-9.]+%  \(' "$d" | awk -v n="$name" '{print n, $0}' >> "$out/columns.txt"
    if grep -q '^min agreement 100.000%' "$d"; then
        full=$((full + 1))
    else
        bad=$(grep -E '^[^ ]+ +[0-9.]+%' "$d" | awk '$2 != "100.000%" {print $1}' | tr '\n' ' ')
        grep -q '^frames:' "$d" && bad="frames $bad"
        printf '%-70s %s\n' "$name" "$bad"
    fi
done
echo "captures at 100% on every column: $full of $total"
echo "per column (frames agreeing / frames compared over all captures):"
awk '{split($4, a, "[(/)]"); ok[$2] += a[2]; n[$2] += a[3]} END {for (c in n) printf "  %-40s %8.3f%%  %d/%d\n", c, (n[c] ? 100*ok[c]/n[c] : 100), ok[c], n[c]}' "$out/columns.txt" | sort
echo "outputs in $out"

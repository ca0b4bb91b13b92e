#!/bin/sh
# Measures synflow-cli phs against tshark -z io,phs on every capture of a folder (by default the
# shared captures and breadth/): prints how many reports are equal byte for byte, and how many
# are equal once tshark's _ws.* expert nodes are set aside. Not in ctest (minutes on breadth/).
# usage: phs-agreement.sh BUILD_DIR [CAPTURE_DIR...]
set -eu
build=$1; shift
[ $# -gt 0 ] || set -- "$(dirname "$0")/../../../../shared/captures" "$(dirname "$0")/../../../../shared/captures/breadth"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
total=0 exact=0 stripped=0
for dir in "$@"; do
    for f in "$dir"/*.pcap "$dir"/*.pcapng; do
        [ -f "$f" ] || continue
        total=$((total + 1))
        tshark -2 -r "$f" -o tcp.desegment_tcp_streams:FALSE -o tcp.check_checksum:FALSE -q -z io,phs > "$tmp/t" 2>/dev/null || true
        "$build/app/synflow-cli" phs "$f" > "$tmp/o" 2>/dev/null || true
        if cmp -s "$tmp/t" "$tmp/o"; then exact=$((exact + 1)); stripped=$((stripped + 1)); continue; fi
        # Drop _ws.* lines and the lines indented below them.
        awk '{ match($0, /^ */); ind = RLENGTH; name = substr($0, ind + 1); split(name, w, " ")
               if (skip >= 0 && ind > skip && name != "" && substr($0, 1, 1) != "=") next
               skip = -1
               if (substr(w[1], 1, 4) == "_ws.") { skip = ind; next }
               print }' skip=-1 "$tmp/t" > "$tmp/s"
        if cmp -s "$tmp/s" "$tmp/o"; then stripped=$((stripped + 1)); else echo "differs: $f"; fi
    done
done
echo "captures: $total  equal: $exact  equal without _ws.* nodes: $stripped"

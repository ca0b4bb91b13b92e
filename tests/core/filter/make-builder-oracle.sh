#!/usr/bin/env bash
# Makes builder-oracle.tsv: every filter tst_filterbuilder builds on shared captures (printed by
# the suite with SYNFLOW_PRINT_BUILT_FILTERS=1) with the frames tshark 4.0 -Y shows for it, under
# the preferences of ../../shared/captures/oracle.
# usage: tests/core/filter/make-builder-oracle.sh BUILD_DIR [SHARED_CAPTURES_DIR] > tests/core/filter/builder-oracle.tsv
set -euo pipefail
build=$1
shared=${2:-$(dirname "$0")/../../../../shared/captures}
O=(-o tcp.desegment_tcp_streams:FALSE -o tcp.relative_sequence_numbers:TRUE -o tcp.analyze_sequence_numbers:TRUE
   -o tcp.calculate_timestamps:TRUE -o tcp.check_checksum:FALSE)
echo -e "capture\tframe\twhat\tfilter\tframes"
SYNFLOW_PRINT_BUILT_FILTERS=1 QT_QPA_PLATFORM=offscreen "$build/tests/core/filter/tst_filterbuilder" agreesWithTshark 2>/dev/null |
  grep -P '^[^\t]+\t[0-9]+\t' | while IFS=$'\t' read -r cap frame what filter; do
    frames=$(tshark -2 -r "$shared/$cap" "${O[@]}" -Y "$filter" -T fields -e frame.number 2>/dev/null | paste -sd, -)
    printf '%s\t%s\t%s\t%s\t%s\n' "$cap" "$frame" "$what" "$filter" "$frames"
done

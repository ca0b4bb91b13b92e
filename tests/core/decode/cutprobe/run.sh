#!/bin/bash
# Every cut length of make-cutheaders.py's frames, tshark 4.0 against synflow-cli:
#   tests/core/decode/cutprobe/run.sh OUTDIR [BUILD]   (BUILD: the build directory, ./build by default)
#   then compare.py OUTDIR [-v] (agreement; -v every row that differs), classes.py OUTDIR/diff.txt
set -e
D=$1; ROOT=$(cd "$(dirname "$0")/../../../.." && pwd); CLI=${2:-$ROOT/build}/app/synflow-cli
[ -d "$D/pcap" ] || python3 "$ROOT/tests/data/make-cutheaders.py" --probe "$D/pcap"
mkdir -p "$D/ts" "$D/us"
for f in "$D"/pcap/*.pcap; do
  n=$(basename "$f" .pcap)
  [ -s "$D/ts/$n.tsv" ] || nice -n 19 tshark -2 -r "$f" -T fields -e frame.number -e _ws.col.Protocol -e _ws.col.Info -e _ws.col.Source -e _ws.col.Destination > "$D/ts/$n.tsv" 2>/dev/null
  [ -s "$D/ts/$n.list" ] || nice -n 19 tshark -2 -r "$f" > "$D/ts/$n.list" 2>/dev/null
  nice -n 19 "$CLI" fields "$f" > "$D/us/$n.raw" 2>/dev/null
  nice -n 19 "$CLI" list "$f" > "$D/us/$n.list" 2>/dev/null
done

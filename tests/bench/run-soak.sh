#!/usr/bin/env bash
# Live-capture soak: SynFlow's capture + follower for SECONDS under full-speed loopback
# traffic, then tshark capturing the same kind of traffic for the same time.
# usage: tests/bench/run-soak.sh BUILD_DIR [SECONDS]   (or: cmake --build BUILD_DIR --target soak)
set -euo pipefail
build=$(realpath "${1:-build}")
cmake --build "$build" --target synflow-livesoak synflow-capture >/dev/null # built on demand
seconds=${2:-60}
out="$build/bench"
export SYNFLOW_CAPTURE_HELPER="$build/app/synflow-capture" # the build tree's, not an installed one
mkdir -p "$out"
echo "== SynFlow"
"$build/tests/bench/synflow-livesoak" "$seconds" "$out" | tee "$out/soak.txt"
if command -v tshark > /dev/null; then
    echo "== tshark -i lo, same traffic generator, same duration"
    # The same generator, alone; tshark takes everything on lo, which is nearly all its packets.
    "$build/tests/bench/synflow-livesoak" --traffic-only "$((seconds + 4))" > "$out/tshark-traffic.txt" &
    gen=$!
    sleep 2
    tshark -i lo -B 32 -a "duration:$seconds" -w "$out/tshark-soak.pcapng" -q 2>&1 | tail -3
    wait $gen || true
    cat "$out/tshark-traffic.txt"
    echo "tshark wrote $(capinfos -c -M "$out/tshark-soak.pcapng" 2>/dev/null | awk '/Number of packets/ {print $4}') packets"
    rm -f "$out/tshark-soak.pcapng"
fi

#!/usr/bin/env bash
# SynFlow developer entry point: ./dev.sh setup | build | gui [FILE] | test
set -euo pipefail
cd "$(dirname "$0")"

jobs=$(nproc 2>/dev/null || echo 2)

missing_packages() {
    # The packages of packaging/build-deps.txt that dpkg does not list as installed.
    local pkg
    while read -r pkg; do
        [ -n "$pkg" ] || continue
        [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" = "install ok installed" ] || echo "$pkg"
    done < <(tr -s ' \t' '\n' < packaging/build-deps.txt)
}

setup() {
    # Installs every build and test dependency listed in packaging/build-deps.txt (Debian 12);
    # no apt-get at all when they are all installed (offline, or not root).
    local missing
    missing=$(missing_packages)
    if [ -z "$missing" ]; then
        echo "dev.sh: every package in packaging/build-deps.txt is installed"
        return
    fi
    echo "dev.sh: installing" $missing
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    xargs -a packaging/build-deps.txt $sudo apt-get install -y -q --no-install-recommends
}

build() {
    # RelWithDebInfo's -O2 without the debug info, which doubles compile time (CI has half an hour);
    # configure build/ yourself for a debugger.
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" "$@"
    cmake --build build -j "$jobs"
}

run_tests() {
    # Both runs happen even when the first fails; the exit status says whether either did.
    local failed=""
    # The three builds are unity builds (SYNFLOW_UNITY): cold, as in CI, they take half the time.
    # 1. The normal build: the window's suites and those kept out of the sanitizer run.
    ctest --test-dir build --output-on-failure -j "$jobs" || failed="$failed build"
    # 2. The core and command-line suites under AddressSanitizer + UndefinedBehaviorSanitizer, each
    #    suite built once (CI's half hour): -O1 runs them 1.5 times as fast as -O0, -g1 keeps lines.
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
        -DSYNFLOW_SANITIZE=ON -DSYNFLOW_GUI=OFF -DSYNFLOW_UNITY=ON
    cmake --build build-asan -j "$jobs"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE nosanitize || failed="$failed build-asan"
    # 3. Fuzz smoke: every libFuzzer target, 1000 inputs from a fixed seed, its seeds first (clang;
    #    only the targets are built). Long runs are on demand: cmake --build build-fuzz --target fuzz.
    CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only" \
        -DSYNFLOW_FUZZ=ON -DSYNFLOW_GUI=OFF -DBUILD_TESTING=OFF -DSYNFLOW_UNITY=ON
    cmake --build build-fuzz -j "$jobs" --target fuzz-targets
    FUZZ_RUNS=1000 tests/fuzz/run-fuzz.sh build-fuzz || failed="$failed build-fuzz"
    if [ -n "$failed" ]; then
        echo "dev.sh: tests failed in:$failed" >&2
        return 1
    fi
}

case "${1:-}" in
setup) setup ;;
build) shift; build "$@" ;;
gui)
    setup
    build
    shift
    # The GUI lives in build/app/gui, its capture helper in build/app.
    SYNFLOW_CAPTURE_HELPER="$PWD/build/app/synflow-capture" exec ./build/app/gui/synflow "${@:-resources/demo/demo-clean.pcapng}"
    ;;
test)
    setup
    build -DSYNFLOW_SUITES_SANITIZED_ELSEWHERE=ON -DSYNFLOW_UNITY=ON
    run_tests
    ;;
*)
    echo "usage: ./dev.sh setup | build | gui [FILE] | test" >&2
    exit 2
    ;;
esac

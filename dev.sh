#!/usr/bin/env bash
# SynFlow developer entry point: ./dev.sh setup | build | gui [FILE] | test
set -euo pipefail
cd "$(dirname "$0")"

jobs=$(nproc 2>/dev/null || echo 2)

setup() {
    # Installs every build and test dependency listed in packaging/build-deps.txt (Debian 12).
    local sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    xargs -a packaging/build-deps.txt $sudo apt-get install -y -q --no-install-recommends
}

build() {
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
    cmake --build build -j "$jobs"
}

run_tests() {
    # 1. The normal build, every suite.
    ctest --test-dir build --output-on-failure -j "$jobs"
    # 2. The same suites under AddressSanitizer + UndefinedBehaviorSanitizer.
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSYNFLOW_SANITIZE=ON
    cmake --build build-asan -j "$jobs"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE nosanitize
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
    build
    run_tests
    ;;
*)
    echo "usage: ./dev.sh setup | build | gui [FILE] | test" >&2
    exit 2
    ;;
esac

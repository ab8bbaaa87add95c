#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build, and run the whole test suite: first an optimised build,
# then the same suite under AddressSanitizer + UndefinedBehaviorSanitizer. Needs no display.
# Usage: scripts/test.sh [--fast]    (--fast skips the sanitizer pass)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"

"$root/scripts/setup.sh"

run_suite() { # build-dir build-type
    local dir="$1" type="$2"
    echo "== $type build in $dir"
    # BUILD_TESTING is set every time: a cache configured without tests would otherwise keep them off.
    cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DBUILD_TESTING=ON -DCORRIDOR_WERROR=ON >/dev/null
    cmake --build "$dir" --parallel "$jobs"
    echo "== $type tests"
    # Sanitizers: leaks in Mesa/llvmpipe's own allocations are not ours to fix.
    ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        ctest --test-dir "$dir" --output-on-failure --no-tests=error --parallel "$jobs"
}

if [ "${1:-}" != "--fast" ]; then
    run_suite "$root/build/asan" Asan
fi
run_suite "$root/build/release" RelWithDebInfo

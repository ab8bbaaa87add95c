#!/usr/bin/env bash
# Quick start, part 2: install what is missing, build, and run the whole test suite under AddressSanitizer +
# UndefinedBehaviorSanitizer, then the core and geo suites (the loader's and the mesh builder's threads) under
# ThreadSanitizer, then the whole suite again in an optimised build. Needs no display.
# Usage: scripts/test.sh [--fast]    (--fast skips the sanitizer passes)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"
# ccache keeps its objects under the user's cache directory, named before XDG_CACHE_HOME is pointed away from it
# below (else every run would start with an empty cache of its own and compile everything).
export CCACHE_DIR="${CCACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/ccache}"
# No test reads or writes the user's viewer session (~/.config/corridor/session.toml) or mesh cache
# (~/.cache/corridor/meshes).
XDG_CONFIG_HOME="$(mktemp -d)"
XDG_CACHE_HOME="$(mktemp -d)"
export XDG_CONFIG_HOME XDG_CACHE_HOME
trap 'rm -rf "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"' EXIT

"$root/scripts/setup.sh"

# ccache (installed by setup.sh): a second run compiles only what changed, in any clone of the repository (paths
# under the clone are hashed relative to it). The first run on a machine compiles everything, most of its half hour
# on 2 cores. Set CCACHE_DISABLE=1 to compile all.
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true
fi

run_suite() { # build-dir build-type [ctest regex and targets: only those suites]
    local dir="$1" type="$2" only="${3:-}"
    shift 3 2>/dev/null || shift $#
    echo "== $type build in $dir"
    # BUILD_TESTING is set every time: a cache configured without tests would otherwise keep them off.
    cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DBUILD_TESTING=ON -DCORRIDOR_WERROR=ON \
        "${launcher[@]}" >/dev/null
    if [ $# -gt 0 ]; then
        cmake --build "$dir" --parallel "$jobs" --target "$@"
    else
        cmake --build "$dir" --parallel "$jobs"
    fi
    echo "== $type tests"
    # Sanitizers: leaks in Mesa/llvmpipe's own allocations are not ours to fix.
    ASAN_OPTIONS="detect_leaks=0:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
        TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$root/tests/tsan.supp" \
        ctest --test-dir "$dir" --output-on-failure --no-tests=error --parallel "$jobs" ${only:+-R "$only"}
}

if [ "${1:-}" != "--fast" ]; then
    run_suite "$root/build/asan" Asan
    run_suite "$root/build/tsan" Tsan "^(core|geo):" core_tests geo_tests
fi
run_suite "$root/build/release" RelWithDebInfo

#!/usr/bin/env bash
# The soak: load, reproject, export (640×400) and unload N times in one process (default 500), then check that
# RSS, malloc's heap in use, the renderer's GPU buffer bytes, open file descriptors and GDAL datasets are back
# at their baseline after the warm-up. Prints a table every 50 iterations and PASS/FAIL; exits 0/1.
# Usage: tests/bench/run_soak.sh [N] [extra soak options…]     e.g. run_soak.sh 1000 --raw-rss
# Environment: CORRIDOR_SOAK_BUILD (build folder, default build/soak), CORRIDOR_GEODATA_DIR (bundled data folder).
# Not part of CI (2–4 minutes for 500 iterations on 2 cores); CTest runs a 16-iteration smoke ("soak: smoke")
# of the same tool.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${CORRIDOR_SOAK_BUILD:-$root/build/soak}"
n=500
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    n="$1"
    shift
fi
args=(--iterations "$n")
if [ -n "${CORRIDOR_GEODATA_DIR:-}" ]; then
    args+=(--geodata "$CORRIDOR_GEODATA_DIR")
fi

launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON "${launcher[@]}" >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target soak >/dev/null
exec "$build/tests/soak" "${args[@]}" "$@"

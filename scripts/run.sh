#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and open the viewer on the bundled geodata/.
# On a machine with no display, the viewer says so and writes corridor-map.png instead.
# Usage: scripts/run.sh [corridor options…]     e.g. scripts/run.sh --data my.gpkg
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Its own build folder: scripts/test.sh configures build/release with the tests on, and the two must not share a
# CMake cache (a cache left with BUILD_TESTING=OFF made test.sh find no tests and pass).
build="${CORRIDOR_BUILD_DIR:-$root/build/app}"

"$root/scripts/setup.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target corridor
exec "$build/corridor" "$@"

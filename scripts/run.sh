#!/usr/bin/env bash
# Quick start, part 1: install what is missing, build, and open the viewer on the bundled geodata/.
# On a machine with no display, the viewer says so and writes corridor-map.png instead.
# Usage: scripts/run.sh [corridor options…]     e.g. scripts/run.sh --data my.gpkg
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${CORRIDOR_BUILD_DIR:-$root/build/release}"

"$root/scripts/setup.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target corridor
exec "$build/corridor" "$@"

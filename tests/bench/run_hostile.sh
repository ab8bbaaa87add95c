#!/usr/bin/env bash
# Timings of hostile geometry (issue 9) through the whole pipeline: `corridor export --no-defaults` (load, project,
# build meshes, render, write) and `corridor info` (GEOS validity) on the cases tests/bench/make_hostile.py writes.
# Usage: tests/bench/run_hostile.sh [--scale S]   (S < 1 shrinks every case)
# Not part of the pass/fail suite: it prints a Markdown table of wall-clock seconds and exit codes; a run cut off
# by the 120 s timeout shows as ">120". Uses an existing build (CORRIDOR_BUILD, default build/rel).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${CORRIDOR_BUILD:-$root/build/rel}"
data="${CORRIDOR_HOSTILE_DATA:-$build/hostile-data}"
corridor="$build/corridor"
[ -x "$corridor" ] || { echo "run_hostile.sh: no $corridor (build the corridor target first)" >&2; exit 1; }

mkdir -p "$data"
if [ ! -s "$data/poly-1m-holes-10k.geojson" ] || [ "${1:-}" = "--scale" ]; then
    python3 "$root/tests/bench/make_hostile.py" "$data" "$@" >/dev/null
fi

# Seconds (wall) of one command, or ">120" when the timeout ends it; the exit code after a slash.
timed() {
    local start end rc
    start=$(date +%s.%N)
    timeout 120 "$@" >/dev/null 2>&1
    rc=$?
    end=$(date +%s.%N)
    if [ "$rc" -eq 124 ]; then
        printf '>120'
    else
        printf '%.1f s (exit %d)' "$(echo "$end - $start" | bc)" "$rc"
    fi
}

echo "| case | export | info |"
echo "|---|---|---|"
for f in star-100k.geojson holes-10k.geojson holes-20k.geojson selfx-200k.geojson poly-1m.geojson \
         poly-1m-holes-10k.geojson huge-coords.kml wkt-huge.csv; do
    e=$(timed "$corridor" export --no-defaults --data "$data/$f" --out "$data/${f%.*}.png")
    i=$(timed "$corridor" info "$data/$f")
    echo "| $f | $e | $i |"
done

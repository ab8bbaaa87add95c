#!/usr/bin/env bash
# The renderer's benchmark table: frame times along `corridor bench`'s scripted pan/zoom path (300 frames,
# 1920×1080, headless llvmpipe on machines without a GPU) for synthetic random-walk line layers of 10^5, 10^6
# and 10^7 vertices and for the full-resolution GSHHG coastlines of the corridor region.
# Usage: tests/bench/run_benchmarks.sh [--quick]     (--quick: 10^5 and 10^6 only, 60 frames)
# Not part of the pass/fail suite: it prints a Markdown table (medians and 95th percentiles).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${CORRIDOR_BENCH_BUILD:-$root/build/bench}"
data="$build/bench-data"
frames=300
sizes=(100000 1000000 10000000)
if [ "${1:-}" = "--quick" ]; then
    frames=60
    sizes=(100000 1000000)
fi

"$root/scripts/setup.sh" >/dev/null
# gmt and its full-resolution shorelines, for the coastline row
"$root/scripts/setup.sh" --only gmt gmt-gshhg-full >/dev/null
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target corridor make_walks >/dev/null
mkdir -p "$data"

for n in "${sizes[@]}"; do
    [ -s "$data/walks-$n.fgb" ] || "$build/tests/make_walks" "$n" "$data/walks-$n.fgb" >/dev/null
done
# GSHHG full-resolution shorelines, 20°W–80°E 5°N–70°N, as GeoJSON text sequences (one line string per line;
# gmt writes bin-split segments).
if [ ! -s "$data/gshhg-full.geojsons" ]; then
    gmt coast -R-20/80/5/70 -Df -W -M | awk -f "$root/tests/bench/gshhg_lines.awk" > "$data/gshhg-full.geojsons"
fi

echo "Frame times in ms over $frames frames at 1920x1080: with the view cache (as the viewer pans and zooms: new"
echo "images render progressively, a ~25 ms slice per frame) and without it (every frame rendered in full; 30 frames"
echo "for 10^7 vertices, where one takes seconds)."
echo
echo "| data | vertices | median | p95 | max | images done | median, no cache | p95, no cache | bytes/vertex (GPU+CPU) | load ms |"
echo "|---|---|---|---|---|---|---|---|---|---|"
field() { sed -n "s/.*[[:space:]]$1=\([0-9.]*\).*/\1/p" <<<" $2"; }
phases=() # one row per run: where its load went (corridor bench's phase_<name>_ms keys)
run() { # label file raw-frames
    local cached raw
    cached=$("$build/corridor" bench --no-defaults --data "$2" --frames "$frames" 2>/dev/null)
    local row="| $1 | $(field vertices "$cached") |"
    for p in open read reproject simplify fields tessellate upload total; do
        row+=" $(field "phase_${p}_ms" "$cached") |"
    done
    phases+=("$row")
    raw=$("$build/corridor" bench --no-defaults --data "$2" --frames "$3" --no-cache 2>/dev/null)
    echo "| $1 | $(field vertices "$cached") | $(field median_ms "$cached") | $(field p95_ms "$cached") |" \
         "$(field max_ms "$cached") | $(field images "$cached") | $(field median_ms "$raw") | $(field p95_ms "$raw") |" \
         "$(field bytes_per_vertex "$cached") | $(field load_ms "$cached") |"
}
for n in "${sizes[@]}"; do
    run "random walks" "$data/walks-$n.fgb" "$([ "$n" -ge 10000000 ] && echo 30 || echo "$frames")"
done
run "GSHHG full coastlines" "$data/gshhg-full.geojsons" "$frames"

echo
echo "Where each load went (wall ms, from corridor bench's phase_<name>_ms keys; docs/benchmarks.md, Phases):"
echo
echo "| data | vertices | open | read | reproject | simplify | fields | tessellate | upload | total |"
echo "|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${phases[@]}"

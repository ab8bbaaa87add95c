#!/usr/bin/env bash
# Slide-ready exports against Mapnik (issue 13's performance table): `corridor export` of the bundled map (geodata/,
# styled by geodata/style.toml, its opening view, the corridor's Lambert conic) WITH all its furniture and a title,
# and the same map with the title alone (--no-furniture --title), side by side with Mapnik (Debian's python3-mapnik,
# AGG renderer) drawing the same layers, look and extent with the title as a text symbolizer
# (tests/bench/mapnik_bundled.py). Whole process (start, read, project, draw, PNG), median of RUNS runs of wall time,
# peak resident memory and CPU time, after one unmeasured warm-up run of each (the page cache; its PNGs stay for a
# look).
#
# Mapnik cannot draw the rest of the furniture (no legend, scale bar, north arrow, sources line, point-of-view note or
# inset map): against Mapnik the comparison is map + title only (the "title only" column); the "all furniture" column
# says what the furniture costs Corridor on top of it.
#
# Usage: tests/bench/run_mapnik_furniture.sh [--runs N] [--sizes WxH[,WxH…]] [--corridor PATH]
#   --runs N        measured runs per case (default 3)
#   --sizes LIST    image sizes (default 1920x1080,7680x4320)
#   --corridor PATH the binary to measure (default: a Release build in build/bench, built here)
# Prints a Markdown table; the PNGs stay in build/bench/mapnik-furniture/. Not part of the pass/fail suite. Run it on a
# quiet machine: the renderers run one at a time, and other load shows up in every column.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${CORRIDOR_BENCH_BUILD:-$root/build/bench}"
out="$build/mapnik-furniture"
. "$root/tests/bench/bench_lib.sh" # PY, say, bench_tools, measure, median, bench_header, ratio
runs=3
sizes="1920x1080,7680x4320"
corridor=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift ;;
        --sizes) sizes="$2"; shift ;;
        --corridor) corridor="$2"; shift ;;
        *) echo "usage: $0 [--runs N] [--sizes WxH[,WxH…]] [--corridor PATH]" >&2; exit 2 ;;
    esac
    shift
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { say "--runs needs a positive whole number, not '$runs'"; exit 2; }
[[ "$sizes" =~ ^[0-9]+x[0-9]+(,[0-9]+x[0-9]+)*$ ]] || { say "--sizes needs WxH[,WxH…], not '$sizes'"; exit 2; }

bench_tools python3-mapnik python3-gdal time
if [ -z "$corridor" ]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" --parallel "$(nproc)" --target corridor >/dev/null
    corridor="$build/corridor"
fi
[ -x "$corridor" ] || { say "no corridor binary at $corridor"; exit 1; }
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Hermetic and stable: no user configuration or cache, the map dated as the goldens are.
export XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" SOURCE_DATE_EPOCH=1767225600
title="International North–South Transport Corridor"

bench_header "$runs"
echo "Corridor: $corridor. Mapnik $("$PY" -c 'import mapnik; v = mapnik.mapnik_version(); print(f"{v // 100000}.{v // 100 % 1000}.{v % 100}")')."
echo
echo "| size | Corridor, all furniture: s / MB | Corridor, title only: s / MB | Mapnik, title only: s / MB | Corridor / Mapnik (title only) | furniture's cost to Corridor |"
echo "|---|---|---|---|---|---|"
IFS=',' read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
    full=("$corridor" export --size "$size" --title "$title" --force --out "$out/corridor-furniture-$size.png")
    bare=("$corridor" export --size "$size" --title "$title" --no-furniture --force --out "$out/corridor-title-$size.png")
    mapnik=("$PY" "$root/tests/bench/mapnik_bundled.py" --geodata "$root/geodata" --size "$size" --title "$title"
            --out "$out/mapnik-title-$size.png")
    measure "${full[@]}" # warm-up
    measure "${bare[@]}"
    measure "${mapnik[@]}"
    ft=() fm=() bt=() bm=() mt=() mm=()
    for ((i = 0; i < runs; ++i)); do # in turn, so slow drifts in the machine's load hit all three alike
        measure "${full[@]}"; read -r t m _ <"$out/time.txt"; ft+=("$t"); fm+=("$m")
        measure "${bare[@]}"; read -r t m _ <"$out/time.txt"; bt+=("$t"); bm+=("$m")
        measure "${mapnik[@]}"; read -r t m _ <"$out/time.txt"; mt+=("$t"); mm+=("$m")
    done
    fts=$(printf '%s\n' "${ft[@]}" | median); fms=$(printf '%s\n' "${fm[@]}" | median)
    bts=$(printf '%s\n' "${bt[@]}" | median); bms=$(printf '%s\n' "${bm[@]}" | median)
    mts=$(printf '%s\n' "${mt[@]}" | median); mms=$(printf '%s\n' "${mm[@]}" | median)
    awk -v s="${size/x/×}" -v ft="$fts" -v fm="$fms" -v bt="$bts" -v bm="$bms" -v mt="$mts" -v mm="$mms" \
        -v r="$(ratio "$bts" "$mts")" 'BEGIN {
        printf "| %s | %.2f / %.0f | %.2f / %.0f | %.2f / %.0f | %s | %+.2f s, %+.0f MB |\n", s, ft, fm / 1024, bt,
               bm / 1024, mt, mm / 1024, r, ft - bt, (fm - bm) / 1024
    }'
done
echo
echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg). PNGs: $out."

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
if ! command -v gmt >/dev/null || ! dpkg-query -W -f='${Status}' gmt-gshhg-full 2>/dev/null | grep -q "ok installed"; then
    echo "run_benchmarks: installing gmt and gmt-gshhg-full for the coastline benchmark"
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd=sudo
    $sudo_cmd apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends gmt gmt-gshhg-full >/dev/null
fi
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target corridor make_walks >/dev/null
mkdir -p "$data"

for n in "${sizes[@]}"; do
    [ -s "$data/walks-$n.fgb" ] || "$build/tests/make_walks" "$n" "$data/walks-$n.fgb" >/dev/null
done
# GSHHG full-resolution shorelines, 20°W–80°E 5°N–70°N, as WKT line strings (gmt writes bin-split segments).
if [ ! -s "$data/gshhg-full.csv" ]; then
    gmt coast -R-20/80/5/70 -Df -W -M | awk '
        BEGIN { print "WKT"; line = "" }
        /^>/ { if (n > 1) print "\"LINESTRING (" line ")\""; line = ""; n = 0; next }
        { line = (n ? line ", " : "") $1 " " $2; n++ }
        END { if (n > 1) print "\"LINESTRING (" line ")\"" }' > "$data/gshhg-full.csv"
fi

echo "| data | vertices | median ms | p95 ms | bytes/vertex (GPU+CPU) | load ms |"
echo "|---|---|---|---|---|---|"
run() { # label file
    local line
    line=$("$build/corridor" bench --no-defaults --data "$2" --frames "$frames" 2>/dev/null)
    local v m p b l
    v=$(sed -n 's/.*vertices=\([0-9]*\).*/\1/p' <<<"$line")
    m=$(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<<"$line")
    p=$(sed -n 's/.*p95_ms=\([0-9.]*\).*/\1/p' <<<"$line")
    b=$(sed -n 's/.*bytes_per_vertex=\([0-9.]*\).*/\1/p' <<<"$line")
    l=$(sed -n 's/.*load_ms=\([0-9]*\).*/\1/p' <<<"$line")
    echo "| $1 | $v | $m | $p | $b | $l |"
}
for n in "${sizes[@]}"; do
    run "random walks" "$data/walks-$n.fgb"
done
run "GSHHG full coastlines" "$data/gshhg-full.csv"

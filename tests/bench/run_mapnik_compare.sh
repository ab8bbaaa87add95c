#!/usr/bin/env bash
# Side-by-side benchmark of `corridor export` against Mapnik (Debian's python3-mapnik, AGG renderer): the whole
# process (start, read, project, draw, PNG), same data, same extent, same image size, median of 5 runs of wall
# time and peak resident memory (GNU time's %e and %M) and CPU time (user + system: less sensitive to other load
# on the machine than wall time), after one unmeasured warm-up run per case and renderer
# (it fills the page cache and leaves the PNGs for the pixel check). Both draw the same look: 1 px black lines,
# polygons filled with a 1 px black outline, no labels, white background (tests/bench/compare_style.toml for
# Corridor, tests/bench/mapnik_render.py for Mapnik), both read the file through GDAL in EPSG:4326 and draw in
# Web Mercator (EPSG:3857) on the same lon/lat box.
#
# Data, built once into build/bench/bench-data (deterministic; delete a file to rebuild it):
#   - Natural Earth 1:10m countries (~545k vertices) from the npm package world-atlas@2.0.2 (integrity pinned, as
#     scripts/build_geodata.sh gets it). Its rings that touch the antimeridian (Russia, Fiji, Antarctica) hold
#     points on the wrong side of it, which both renderers would draw as bands across the map: they are unwrapped
#     with scripts/geodata/unwrap_topojson.py's function
#   - GSHHG 2.3.7 full-resolution shorelines (all levels) via `gmt coast -Df -M -W` (gmt-gshhg-full): Eurasia and
#     Africa, 20°W–90°E 40°S–80°N (~2.8M vertices, ~68k lines), and the whole world (~10.6M vertices)
#   - random walks of 10^6 and 10^7 vertices (tests/bench/make_walks, as run_benchmarks.sh makes them)
#   - one line of two vertices: the floor, what each renderer's start, set-up and PNG take with no data to speak of
# All as FlatGeobuf, so neither renderer spends its time parsing text.
#
# Usage: tests/bench/run_mapnik_compare.sh [--quick] [--runs N]
#   --quick   1920x1080 only, without the 10^7 walks and the whole world
# Prints a Markdown table; the PNGs stay in build/bench/mapnik-compare/ (corridor-*.png, mapnik-*.png) with a
# pixel comparison of each pair under the table. Not part of the pass/fail suite. Run it on a quiet machine: the
# renderers run one at a time, and other load shows up in both columns.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${CORRIDOR_BENCH_BUILD:-$root/build/bench}"
data="$build/bench-data"
out="$build/mapnik-compare"
. "$root/tests/bench/bench_lib.sh" # PY, say, bench_tools, measure, median, bench_header, ratio
quick=0
runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --runs) runs="$2"; shift ;;
        *) echo "usage: $0 [--quick] [--runs N]" >&2; exit 2 ;;
    esac
    shift
done

# ---------------------------------------------------------------------------------------------- tools
packages=(python3-mapnik python3-gdal python3-numpy gdal-bin gmt gmt-gshhg-full time)
command -v npm >/dev/null 2>&1 || packages+=(npm)
bench_tools "${packages[@]}"
"$PY" -c 'import numpy' || { say "python3-numpy not importable by $PY"; exit 1; }
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target corridor make_walks >/dev/null
mkdir -p "$data" "$out"

# ---------------------------------------------------------------------------------------------- data
WORLD_ATLAS="world-atlas@2.0.2"
WORLD_ATLAS_SHA512="sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

if [ ! -s "$data/ne-countries-10m.fgb" ]; then
    say "npm pack $WORLD_ATLAS"
    (cd "$tmp" && npm pack --silent "$WORLD_ATLAS" >/dev/null)
    sha="sha512-$(openssl dgst -sha512 -binary "$tmp/world-atlas-2.0.2.tgz" | base64 -w0)"
    [ "$sha" = "$WORLD_ATLAS_SHA512" ] || { say "integrity mismatch for world-atlas-2.0.2.tgz: $sha"; exit 1; }
    tar -xzf "$tmp/world-atlas-2.0.2.tgz" -C "$tmp"
    say "Natural Earth 1:10m countries -> $data/ne-countries-10m.fgb"
    "$PY" - "$root/scripts/geodata" "$tmp/package/countries-10m.json" "$tmp/ne-countries-10m.fgb" <<'EOF'
import sys
sys.path.insert(0, sys.argv[1])
from osgeo import ogr, osr
from unwrap_topojson import unwrap
ogr.UseExceptions()

def polygons(g):
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbPolygon:
        return [g]
    return [g.GetGeometryRef(i) for i in range(g.GetGeometryCount())]

src_ds = ogr.Open(sys.argv[2])   # held: the layer dies with its data source
src = src_ds.GetLayerByName("countries")
srs = osr.SpatialReference()
srs.ImportFromEPSG(4326)
ds = ogr.GetDriverByName("FlatGeobuf").CreateDataSource(sys.argv[3])
dst = ds.CreateLayer("countries", srs, ogr.wkbMultiPolygon)
dst.CreateField(ogr.FieldDefn("name", ogr.OFTString))
vertices = 0
for f in src:
    g = f.GetGeometryRef()
    if g is None or g.IsEmpty():
        continue
    # rings touching ±180° come back with their points on the far side moved by 360° (Russia's -180° points
    # that belong at +180°); none of world-atlas's 1:10m countries reaches past it
    geom, _ = unwrap(g)
    if geom.GetEnvelope()[1] > 180.0:
        sys.exit(f"countries-10m.json: {f.GetField('name')} reaches past 180°E once unwrapped")
    nf = ogr.Feature(dst.GetLayerDefn())
    nf.SetField("name", f.GetField("name"))
    nf.SetGeometry(geom)
    dst.CreateFeature(nf)
    for p in polygons(geom):
        vertices += sum(p.GetGeometryRef(i).GetPointCount() for i in range(p.GetGeometryCount()))
print(f"countries: {dst.GetFeatureCount()} features, {vertices} vertices", file=sys.stderr)
EOF
    mv "$tmp/ne-countries-10m.fgb" "$data/ne-countries-10m.fgb"
fi

# GSHHG full-resolution shorelines, every level, as line strings (gmt writes bin-split segments) in a layer
# called "coast"
gshhg() { # region out.fgb
    [ -s "$2" ] && return
    say "gmt coast -R$1 -Df -M -W -> $2"
    gmt coast -R"$1" -Df -W -M | awk -f "$root/tests/bench/gshhg_lines.awk" > "$tmp/coast.geojsons"
    ogr2ogr -f FlatGeobuf "$tmp/coast.fgb" "$tmp/coast.geojsons" -nln coast -a_srs EPSG:4326 -nlt LINESTRING
    mv "$tmp/coast.fgb" "$2"
    rm -f "$tmp/coast.geojsons"
}
gshhg -20/90/-40/80 "$data/gshhg-full-eurafrica.fgb"
[ "$quick" = 1 ] || gshhg -180/180/-90/90 "$data/gshhg-full-world.fgb"

walk_sizes=(1000000)
[ "$quick" = 1 ] || walk_sizes+=(10000000)
for n in "${walk_sizes[@]}"; do
    [ -s "$data/walks-$n.fgb" ] || "$build/tests/make_walks" "$n" "$data/walks-$n.fgb" >/dev/null
done

# The floor: one line of two vertices, so that what is timed is each renderer's own start (loading its libraries;
# for Corridor, GDAL's and the GL driver's), its set-up and the writing of an all but empty image: what no work on
# the data can make faster.
if [ ! -s "$data/one-line.fgb" ]; then
    printf '%s' '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[40,20],[60,50]]}}]}' >"$tmp/one-line.geojson"
    ogr2ogr -f FlatGeobuf "$tmp/one-line.fgb" "$tmp/one-line.geojson" -nln walks -a_srs EPSG:4326 # styled as the walks
    mv "$tmp/one-line.fgb" "$data/one-line.fgb"
fi

# ---------------------------------------------------------------------------------------------- cases
# label | file | polygons? | bbox (W,S,E,N) | size | in --quick?
WORLD="-180,-85,180,85"   # Web Mercator stops short of the poles
cases=(
    "one line (the floor)|$data/one-line.fgb|0|40,20,60,50|1920x1080|1"
    "one line (the floor)|$data/one-line.fgb|0|40,20,60,50|7680x4320|0"
    "Natural Earth 10m countries|$data/ne-countries-10m.fgb|1|$WORLD|1920x1080|1"
    "Natural Earth 10m countries|$data/ne-countries-10m.fgb|1|$WORLD|7680x4320|0"
    "GSHHG full, Eurasia+Africa|$data/gshhg-full-eurafrica.fgb|0|-20,-40,90,80|1920x1080|1"
    "GSHHG full, Eurasia+Africa|$data/gshhg-full-eurafrica.fgb|0|-20,-40,90,80|7680x4320|0"
    "GSHHG full, whole world|$data/gshhg-full-world.fgb|0|$WORLD|1920x1080|0"
    "GSHHG full, whole world|$data/gshhg-full-world.fgb|0|$WORLD|7680x4320|0"
    "random walks 10^6|$data/walks-1000000.fgb|0|40,20,60,50|1920x1080|1"
    "random walks 10^7|$data/walks-10000000.fgb|0|40,20,60,50|1920x1080|0"
    "random walks 10^7|$data/walks-10000000.fgb|0|40,20,60,50|7680x4320|0"
)

vertices() { # file -> vertex count of its first layer
    "$PY" - "$1" <<'EOF'
import sys
from osgeo import ogr
n = 0
def count(g):
    global n
    if g.GetGeometryCount():
        for i in range(g.GetGeometryCount()):
            count(g.GetGeometryRef(i))
    else:
        n += g.GetPointCount()
ds = ogr.Open(sys.argv[1])   # held: the layer dies with its data source
for f in ds.GetLayer(0):
    if f.GetGeometryRef() is not None:
        count(f.GetGeometryRef())
print(n)
EOF
}

bench_header "$runs"
echo
echo "| data | vertices | size | Corridor s | Corridor MB | Mapnik s | Mapnik MB | Corridor / Mapnik (time) | CPU s, Corridor / Mapnik |"
echo "|---|---|---|---|---|---|---|---|---|"
checks=()
declare -A nverts
for c in "${cases[@]}"; do
    IFS='|' read -r label file poly bbox size inquick <<<"$c"
    [ "$quick" = 1 ] && [ "$inquick" = 0 ] && continue
    [ -n "${nverts[$file]:-}" ] || nverts[$file]=$(vertices "$file")
    tag="$(basename "$file" .fgb)-$size"
    corridor=("$build/corridor" export --no-defaults --data "$file" --style "$root/tests/bench/compare_style.toml"
              --crs EPSG:3857 --bbox "$bbox" --size "$size" --no-furniture --force --out "$out/corridor-$tag.png")
    mapnik=("$PY" "$root/tests/bench/mapnik_render.py" --data "$file" --bbox="$bbox" --size "$size"
            --out "$out/mapnik-$tag.png")
    [ "$poly" = 1 ] && mapnik+=(--polygons)
    measure "${corridor[@]}"   # warm-up: page cache, and the PNGs for the pixel check
    measure "${mapnik[@]}"
    ct=() cm=() cc=() mt=() mm=() mc=()
    for ((i = 0; i < runs; ++i)); do    # alternate, so slow drifts in the machine's load hit both alike
        measure "${corridor[@]}"; read -r t m u <"$out/time.txt"; ct+=("$t"); cm+=("$m"); cc+=("$u")
        measure "${mapnik[@]}"; read -r t m u <"$out/time.txt"; mt+=("$t"); mm+=("$m"); mc+=("$u")
    done
    cts=$(printf '%s\n' "${ct[@]}" | median); cms=$(printf '%s\n' "${cm[@]}" | median)
    mts=$(printf '%s\n' "${mt[@]}" | median); mms=$(printf '%s\n' "${mm[@]}" | median)
    ccs=$(printf '%s\n' "${cc[@]}" | median); mcs=$(printf '%s\n' "${mc[@]}" | median)
    awk -v l="$label" -v v="${nverts[$file]}" -v s="${size/x/×}" -v ct="$cts" -v cm="$cms" -v mt="$mts" -v mm="$mms" \
        -v cc="$ccs" -v mc="$mcs" -v r="$(ratio "$cts" "$mts")" 'BEGIN {
        printf "| %s | %d | %s | %.2f | %.0f | %.2f | %.0f | %s | %.2f / %.2f |\n", l, v, s, ct, cm / 1024, mt,
               mm / 1024, r, cc, mc
    }'
    checks+=("$label, $size|$out/corridor-$tag.png|$out/mapnik-$tag.png")
done

echo
echo "Load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)."

# ---------------------------------------------------------------------------------------------- pixels
echo
echo "Pixel check of each pair (warm-up PNGs in $out): ink = pixels darker than mid-grey (the lines and"
echo "outlines; the #d9d9d9 fill is not ink); differing = pixels whose grey levels differ by more than 64 of 255."
echo
echo "| case | Corridor ink px | Mapnik ink px | ink Corridor / Mapnik | differing px |"
echo "|---|---|---|---|---|"
for c in "${checks[@]}"; do
    IFS='|' read -r label a b <<<"$c"
    "$PY" - "$label" "$a" "$b" <<'EOF'
import sys
import numpy as np
from osgeo import gdal
gdal.UseExceptions()

def grey(path):
    ds = gdal.Open(path)
    rgb = [ds.GetRasterBand(i + 1).ReadAsArray().astype(np.float32) for i in range(3)]
    g = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
    if ds.RasterCount == 4:  # composite over white, as a viewer shows it
        a = ds.GetRasterBand(4).ReadAsArray().astype(np.float32) / 255.0
        g = g * a + 255.0 * (1.0 - a)
    return g

label, a, b = sys.argv[1:4]
ga, gb = grey(a), grey(b)
if ga.shape != gb.shape:
    print(f"| {label} | size {ga.shape[::-1]} | size {gb.shape[::-1]} | – | – |")
    sys.exit(0)
ia, ib = int((ga < 128).sum()), int((gb < 128).sum())
diff = int((np.abs(ga - gb) > 64).sum())
print(f"| {label} | {ia:,} | {ib:,} | {ia / max(ib, 1):.3f} | {diff:,} ({100.0 * diff / ga.size:.2f} %) |")
EOF
done

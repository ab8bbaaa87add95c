#!/usr/bin/env bash
# Regenerates every derived file in geodata/ from its upstream package plus the authored tables:
#   - Natural Earth 1:10m and 1:50m via the npm package world-atlas@2.0.2 (npm pack into a temp dir, integrity
#     pinned): 1:10m inside 25°W–85°E (the corridor's longitudes), 1:50m for the rest of the clip box
#   - GSHHG 2.3.7 full-resolution shorelines via Debian gmt + gmt-gshhg-full (the disputed Gulf islands; coast,
#     lakes and WDBII borders of the focus region), intermediate resolution for the lakes elsewhere
#   - DCW-GMT country outlines (Debian gmt-common) for the disputed areas it outlines (Israel without the Golan,
#     Indian-administered Jammu and Kashmir)
#   - geodata/src/facts.py (transcription of the project fact sheet) and geodata/SOURCES.md (source ids)
# Output: geodata/*.geojson and *.fgb (the large basemap layers, see FLATGEOBUF_LAYERS in geodata/build.py), geodata/CHECKS.md and the files table in geodata/README.md. Deterministic: running
# it twice gives identical files.
# Installs what it needs (Debian packages) idempotently. Usage: scripts/build_geodata.sh   (as root or with sudo)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$root/geodata"
WORLD_ATLAS="world-atlas@2.0.2"
# sha512 integrity of world-atlas-2.0.2.tgz as published on the npm registry
WORLD_ATLAS_SHA512="sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
# Basemap clip box, xmin ymin xmax ymax (lon/lat). Wide because the default view is a Lambert conformal conic
# (standard parallels 25/55°N, central meridian 55°E): its top corners reach 129°E (16:9 window) and its bottom
# edge the equator, and half-screen pans reach much further; see geodata/README.md, "Basemap extent".
CLIP="-75 -45 180 85"
# The part of the clip drawn from Natural Earth 1:10m; the rest (75°W–25°W and 85°E–180°) is 1:50m.
INNER="-25 -45 85 85"
OUTER_WKT="MULTIPOLYGON(((-75 -45,-25 -45,-25 85,-75 85,-75 -45)),((85 -45,180 -45,180 85,85 85,85 -45)))"
ISLAND_REGION="54.9/55.4/25.8/26.35"
# The focus region (Caspian, Caucasus, Iran, the Gulf): coast, lakes and borders from GSHHG/WDBII full
# resolution instead of Natural Earth 1:10m (issue 10 #20). Its edges cross the coast only once (22°N off Oman)
# and cut no lake.
FOCUS="44 22 62 48"
# Lakes outside the focus region: GSHHG intermediate resolution, lakes of at least this many km² (Van, Ladoga,
# Onega, Balkhash, ...); at the distance where they are in view, intermediate is as good.
LAKE_MIN_KM2=300

say() { echo "build_geodata: $*"; }

# ---------------------------------------------------------------------------------------------- tools
packages=(gdal-bin python3-gdal python3-pyproj gmt gmt-gshhg-full)
command -v npm >/dev/null 2>&1 || packages+=(npm)
say "tools: ${packages[*]}"
"$root/scripts/setup.sh" --only "${packages[@]}"
PY=/usr/bin/python3     # Debian's python3 (python3-gdal, python3-pyproj), not a pyenv/venv shim
"$PY" -c 'import osgeo.ogr, pyproj' || { say "python3-gdal / python3-pyproj not importable by $PY" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# ---------------------------------------------------------------------------------------------- Natural Earth
say "npm pack $WORLD_ATLAS (into $tmp)"
(cd "$tmp" && npm pack --silent "$WORLD_ATLAS" >/dev/null)
tgz="$tmp/world-atlas-2.0.2.tgz"
sha="sha512-$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)"
if [ "$sha" != "$WORLD_ATLAS_SHA512" ]; then
    say "integrity mismatch for $tgz: $sha" >&2; exit 1
fi
say "integrity OK ($WORLD_ATLAS)"
tar -xzf "$tgz" -C "$tmp"
wa="$tmp/package"

# world-atlas stores rings that cross the antimeridian with a 360° jump (Russia, the Afro-Eurasian land
# polygon): unwrap them first, or MakeValid turns them into wrong land/water bands at 65-69°N.
for res in 10m 50m; do
    say "unwrap antimeridian-crossing rings (countries-$res, land-$res)"
    "$PY" "$here/geodata/unwrap_topojson.py" "$wa/countries-$res.json" "$wa/land-$res.json" "$tmp/unwrapped-$res.gpkg"
done
# The geometries are invalid (quantisation): make valid FIRST, then clip (GDAL 3.6 clips before -makevalid in a
# single call and aborts with a TopologyException).
say "ogr2ogr: make valid (countries, land; 1:10m in $INNER, 1:50m in $CLIP; about 20 s)"
ogr2ogr -f GPKG "$tmp/valid-10m.gpkg" "$tmp/unwrapped-10m.gpkg" countries -spat $INNER -makevalid -nlt MULTIPOLYGON
ogr2ogr -f GPKG -update "$tmp/valid-10m.gpkg" "$tmp/unwrapped-10m.gpkg" land -spat $INNER -makevalid -nlt MULTIPOLYGON
ogr2ogr -f GPKG "$tmp/valid-50m.gpkg" "$tmp/unwrapped-50m.gpkg" countries -spat $CLIP -makevalid -nlt MULTIPOLYGON
ogr2ogr -f GPKG -update "$tmp/valid-50m.gpkg" "$tmp/unwrapped-50m.gpkg" land -spat $CLIP -makevalid -nlt MULTIPOLYGON
say "ogr2ogr: clip 1:10m to $INNER, 1:50m to the rest of $CLIP"
ogr2ogr -f GPKG "$tmp/ne-10m.gpkg" "$tmp/valid-10m.gpkg" -clipsrc $INNER -nlt MULTIPOLYGON
ogr2ogr -f GPKG "$tmp/ne-50m.gpkg" "$tmp/valid-50m.gpkg" -clipsrc "$OUTER_WKT" -nlt MULTIPOLYGON

# ---------------------------------------------------------------------------------------------- GSHHG
say "gmt coast -R$ISLAND_REGION -Df -M -W  (GSHHG full resolution shoreline of Abu Musa and the Tunbs)"
gmt coast -R"$ISLAND_REGION" -Df -M -W > "$tmp/islands_gshhg.txt"

fr="$(echo "$FOCUS" | awk '{print $1"/"$3"/"$2"/"$4}')"
say "gmt coast -R$fr -Df -M -W  (GSHHG full: shorelines of levels 1-4 in the focus region)"
gmt coast -R"$fr" -Df -M -W > "$tmp/focus_shore.txt"
say "gmt coast -R$fr -Df -M -N1  (WDBII national borders, full resolution, in the focus region)"
gmt coast -R"$fr" -Df -M -N1 > "$tmp/focus_borders.txt"
cr="$(echo "$CLIP" | awk '{print $1"/"$3"/"$2"/"$4}')"
say "gmt coast -R$cr -Di -M -W -A$LAKE_MIN_KM2/2/3  (GSHHG intermediate: lakes and their islands, whole clip box)"
gmt coast -R"$cr" -Di -M -W -A"$LAKE_MIN_KM2"/2/3 > "$tmp/lakes_i.txt"
say "gmt coast -E...  (DCW-GMT outlines: IL, IN.JK)"
gmt coast -EIL -M > "$tmp/dcw_IL.txt"
gmt coast -EIN.JK -M > "$tmp/dcw_IN.JK.txt"

# ---------------------------------------------------------------------------------------------- build
say "building layers into $out"
"$PY" "$here/geodata/build.py" --facts "$out/src/facts.py" --sources "$out/SOURCES.md" \
    --ne10 "$tmp/ne-10m.gpkg" --ne50 "$tmp/ne-50m.gpkg" --clip="${CLIP// /,}" --inner="${INNER// /,}" \
    --gshhg "$tmp/islands_gshhg.txt" --focus="${FOCUS// /,}" --focus-shore "$tmp/focus_shore.txt" \
    --focus-borders "$tmp/focus_borders.txt" --lakes "$tmp/lakes_i.txt" --dcw-dir "$tmp" --out "$out"

say "summary (ogrinfo -so):"
for f in "$out"/*.geojson "$out"/*.fgb; do
    printf '  %-28s %9s bytes  ' "$(basename "$f")" "$(stat -c %s "$f")"
    ogrinfo -ro -so -al "$f" | awk '/^Feature Count/{n=$3} /^Geometry:/{sub(/^Geometry: /,""); g=$0} END{printf "%4s features  %s\n", n, g}'
done
say "done"

#!/usr/bin/python3
"""Mapnik's half of the side-by-side export benchmark (tests/bench/run_mapnik_compare.sh): renders one vector
file with Debian's python3-mapnik (AGG renderer) in the style the benchmark gives Corridor
(tests/bench/compare_style.toml): 1 px black lines; polygons filled, then a 1 px black outline, per feature (the
order Mapnik paints a rule's symbolizers in); no labels; white background. The data is read through GDAL (the
'ogr' input plugin, the same library Corridor reads with), in EPSG:4326, and drawn in Web Mercator (EPSG:3857),
framed on the lon/lat box projected to Mercator, as `corridor export --crs EPSG:3857 --bbox` does: centred,
growing the box to the image's aspect ratio.

Usage: mapnik_render.py --data FILE --bbox=W,S,E,N --size WxH --out PNG [--polygons]
"""
import argparse
import sys

import mapnik


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="vector file GDAL can read (its first layer is drawn)")
    p.add_argument("--bbox", required=True, help="west,south,east,north in degrees")
    p.add_argument("--size", required=True, help="WIDTHxHEIGHT in pixels")
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--polygons", action="store_true", help="fill the features and outline them (else lines only)")
    a = p.parse_args()
    try:
        box = [float(v) for v in a.bbox.split(",")]
        w, h = (int(v) for v in a.size.lower().split("x"))
    except ValueError:
        p.error("--bbox needs four numbers W,S,E,N and --size WIDTHxHEIGHT")
    if len(box) != 4 or not (box[0] < box[2] and box[1] < box[3]) or w <= 0 or h <= 0:
        p.error("--bbox needs west < east and south < north, --size positive sides")
    return a, box, w, h


def black_line():
    line = mapnik.LineSymbolizer()
    line.stroke = mapnik.Color("#000000")
    line.stroke_width = 1.0
    return line


def main():
    a, box, width, height = parse_args()
    m = mapnik.Map(width, height, "epsg:3857")
    m.background = mapnik.Color("#ffffff")

    rule = mapnik.Rule()
    if a.polygons:
        fill = mapnik.PolygonSymbolizer()
        fill.fill = mapnik.Color("#d9d9d9")
        rule.symbols.append(fill)
    rule.symbols.append(black_line())
    style = mapnik.Style()
    style.rules.append(rule)
    m.append_style("compare", style)

    layer = mapnik.Layer("data", "epsg:4326")
    layer.datasource = mapnik.Ogr(file=a.data, layer_by_index=0)
    layer.styles.append("compare")
    m.layers.append(layer)

    to_mercator = mapnik.ProjTransform(mapnik.Projection("epsg:4326"), mapnik.Projection("epsg:3857"))
    m.zoom_to_box(to_mercator.forward(mapnik.Box2d(*box)))
    mapnik.render_to_file(m, a.out, "png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

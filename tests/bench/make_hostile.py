#!/usr/bin/env python3
"""Writes hostile geometry for the load/export timing table (tests/bench/run_hostile.sh): inputs whose size or
shape made stages of Corridor super-linear (issue 9). Standard library only; a fixed seed, so every machine gets
the same files. Usage: make_hostile.py OUT_DIR [--scale S]   (S < 1 shrinks every case, for a quick look)

Cases (lon/lat, around 50°E 30°N so the default view CRS projects them):
  star-100k.geojson        one star polygon, 10^5 vertices on alternating radii (Douglas–Peucker's worst case)
  holes-10k.geojson        a square with 10^4 small square holes
  holes-20k.geojson        a square with 2·10^4 small square holes
  selfx-200k.geojson       one ring of 2·10^5 random points: self-intersecting everywhere
  poly-1m.geojson          one wavy 10^6-vertex polygon
  poly-1m-holes-10k.geojson  the benchmark target: a 10^6-vertex exterior with 10^4 holes
  huge-coords.kml          a KML polygon of 2·10^5 vertices whose coordinates are huge (1e300 and beyond lon/lat)
  wkt-huge.csv             a CSV whose WKT column holds a 3.5·10^5-vertex polygon (its line stays under GDAL's 10 MB CSV line limit)
"""

import math
import os
import random
import sys

CX, CY = 50.0, 30.0


def fmt(v):
    return repr(round(v, 9))


def ring_json(points):
    # Closed, as GeoJSON wants.
    pts = list(points)
    pts.append(pts[0])
    return "[" + ",".join("[" + fmt(x) + "," + fmt(y) + "]" for x, y in pts) + "]"


def write_polygons(path, polygons):
    """polygons: list of lists of rings (first exterior, then holes)."""
    with open(path, "w") as f:
        f.write('{"type":"FeatureCollection","features":[\n')
        for i, rings in enumerate(polygons):
            f.write(('' if i == 0 else ',\n') + '{"type":"Feature","properties":{"name":"case %d"},' % i)
            f.write('"geometry":{"type":"Polygon","coordinates":[')
            f.write(",".join(ring_json(r) for r in rings))
            f.write("]}}")
        f.write("\n]}\n")


def star(n, r_out=5.0, r_in=2.5):
    return [(CX + (r_out if k % 2 == 0 else r_in) * math.cos(2 * math.pi * k / n),
             CY + (r_out if k % 2 == 0 else r_in) * math.sin(2 * math.pi * k / n)) for k in range(n)]


def wavy(n, radius=5.0, waves=997, amp=0.02):
    # A circle with a fine ripple: valid, and Douglas–Peucker keeps most of it at the finest levels.
    return [(CX + (radius + amp * math.sin(waves * 2 * math.pi * k / n)) * math.cos(2 * math.pi * k / n),
             CY + (radius + amp * math.sin(waves * 2 * math.pi * k / n)) * math.sin(2 * math.pi * k / n))
            for k in range(n)]


def square_holes(count, half=4.0, centre=(CX, CY), inset=0.0):
    """`count` small square holes on a grid inside the square of side 2*half (minus inset), counter-clockwise."""
    side = math.ceil(math.sqrt(count))
    span = 2 * (half - inset)
    cell = span / side
    size = cell * 0.3
    holes = []
    for k in range(count):
        i, j = k % side, k // side
        x = centre[0] - half + inset + (i + 0.5) * cell
        y = centre[1] - half + inset + (j + 0.5) * cell
        holes.append([(x - size, y - size), (x - size, y + size), (x + size, y + size), (x + size, y - size)])
    return holes


def square(half=5.0):
    return [(CX - half, CY - half), (CX + half, CY - half), (CX + half, CY + half), (CX - half, CY + half)]


def main():
    if len(sys.argv) < 2:
        sys.stderr.write("usage: make_hostile.py OUT_DIR [--scale S]\n")
        return 2
    out = sys.argv[1]
    scale = 1.0
    if len(sys.argv) >= 4 and sys.argv[2] == "--scale":
        scale = float(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(9)

    def n(v):
        return max(8, int(v * scale))

    write_polygons(os.path.join(out, "star-100k.geojson"), [[star(n(100000))]])
    write_polygons(os.path.join(out, "holes-10k.geojson"), [[square()] + square_holes(n(10000))])
    write_polygons(os.path.join(out, "holes-20k.geojson"), [[square()] + square_holes(n(20000))])
    write_polygons(os.path.join(out, "selfx-200k.geojson"),
                   [[[(CX + rnd.uniform(-5, 5), CY + rnd.uniform(-5, 5)) for _ in range(n(200000))]]])
    write_polygons(os.path.join(out, "poly-1m.geojson"), [[wavy(n(1000000))]])
    # The exterior's ripple stays outside radius 4.9; the holes fill the inscribed square (half-side 3.4).
    write_polygons(os.path.join(out, "poly-1m-holes-10k.geojson"),
                   [[wavy(n(1000000))] + square_holes(n(10000), half=3.4)])

    # KML: one placemark whose polygon has huge coordinate values (far outside lon/lat, up to 1e300), written as
    # one long <coordinates> text.
    with open(os.path.join(out, "huge-coords.kml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n')
        f.write("<Placemark><name>huge</name><Polygon><outerBoundaryIs><LinearRing><coordinates>")
        m = n(200000)
        pts = [(1e300 * math.cos(2 * math.pi * k / m) * (1 + 0.5 * (k % 2)),
                1e300 * math.sin(2 * math.pi * k / m) * (1 + 0.5 * (k % 2))) for k in range(m)]
        pts.append(pts[0])
        f.write(" ".join("%r,%r,0" % p for p in pts))
        f.write("</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n")
        f.write("<Placemark><name>big star</name><Polygon><outerBoundaryIs><LinearRing><coordinates>")
        pts = star(m)
        pts.append(pts[0])
        f.write(" ".join(fmt(x) + "," + fmt(y) + ",0" for x, y in pts))
        f.write("</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>\n</Document></kml>\n")

    # CSV with a WKT column: GDAL's CSV driver reads the column named WKT as the geometry.
    with open(os.path.join(out, "wkt-huge.csv"), "w") as f:
        f.write("id,name,WKT\n")
        pts = wavy(n(350000))
        pts.append(pts[0])
        f.write('1,huge,"POLYGON ((' + ",".join(fmt(x) + " " + fmt(y) for x, y in pts) + '))"\n')
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# -*- coding: utf-8 -*-
"""Build Corridor's bundled GeoJSON layers from the authored tables (geodata/src/facts.py), the
clipped Natural Earth basemap (world-atlas@2.0.2, made valid then clipped by build_geodata.sh) and a
GSHHG shoreline dump (gmt coast). Called by scripts/build_geodata.sh; not meant to be run alone.

Output: GeoJSON FeatureCollections, CRS declared as OGC CRS84 (= EPSG:4326 datum, lon/lat order),
features in a fixed order with integer feature ids 1..N, coordinates rounded (6 decimals for points and
lines, 4 for the basemap polygons), so a rebuild is byte-identical. Geodesic lengths/areas use
pyproj.Geod (PROJ geodesic, WGS84 ellipsoid). Land-crossing checks use GEOS through python3-gdal (ogr).
"""
import argparse
import importlib.util
import json
import math
import os
import re
import subprocess
import sys

from osgeo import ogr, gdal
from pyproj import Geod

gdal.UseExceptions()
ogr.UseExceptions()
GEOD = Geod(ellps="WGS84")
CRS84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
# Basemap polygons are written with 4 decimals (0.0001°, about 11 m): world-atlas quantises Natural Earth to
# 1e5 steps (0.0036° lon x 0.0017° lat at 1:10m), so a fifth decimal carries no information, only bytes.
BASEMAP_DECIMALS = 4
DENSIFY_KM = 10.0          # max vertex spacing of output lines (along the geodesic)
CROSSING_TOL_KM = 1.0      # per land crossing, for sea lanes

CHECKS = []                # lines for CHECKS.md


def log(msg):
    print("  " + msg, flush=True)


def check(msg):
    CHECKS.append(msg)
    log(msg)


# ------------------------------------------------------------------------------------------------ io
def load_facts(path):
    spec = importlib.util.spec_from_file_location("facts", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load_source_ids(sources_md):
    """The ids of the sources table of SOURCES.md. Every row must also have a short name (the column the map's
    sources line shows, core::visibleSources): a row without one stops the build, naming its line."""
    ids = set()
    short_col = None
    with open(sources_md, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            m = re.match(r"^\|\s*`?([A-Za-z0-9-]+)`?\s*\|", line)
            if not m:
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if m.group(1) in ("id", "Id", "ID"):
                names = [c.lower() for c in cells]
                if "short name" not in names:
                    raise SystemExit("build_geodata: %s:%d: the sources table has no 'short name' column"
                                     % (sources_md, n))
                short_col = names.index("short name")
                continue
            if short_col is None or short_col >= len(cells) or not cells[short_col]:
                raise SystemExit("build_geodata: %s:%d: source %r has no short name" % (sources_md, n, m.group(1)))
            ids.add(m.group(1))
    return ids


def rnd(v, nd):
    r = round(v, nd)
    return 0.0 if r == 0 else r


def coords_of(geom, nd):
    """OGR geometry -> GeoJSON geometry dict with rounded coordinates."""
    t = ogr.GT_Flatten(geom.GetGeometryType())

    def ring(g):
        pts = []
        for i in range(g.GetPointCount()):
            p = [rnd(g.GetX(i), nd), rnd(g.GetY(i), nd)]
            if not pts or p != pts[-1]:
                pts.append(p)
        return pts

    def poly(p):
        # rounding can collapse tiny rings: drop rings with fewer than 4 points (outer ring -> drop polygon)
        rings = [ring(p.GetGeometryRef(i)) for i in range(p.GetGeometryCount())]
        if not rings or len(rings[0]) < 4:
            return None
        return [rings[0]] + [r for r in rings[1:] if len(r) >= 4]

    if t == ogr.wkbPoint:
        return {"type": "Point", "coordinates": [rnd(geom.GetX(), nd), rnd(geom.GetY(), nd)]}
    if t == ogr.wkbLineString:
        return {"type": "LineString", "coordinates": ring(geom)}
    if t == ogr.wkbPolygon:
        return {"type": "Polygon", "coordinates": poly(geom)}
    if t == ogr.wkbMultiPolygon:
        parts = [poly(geom.GetGeometryRef(k)) for k in range(geom.GetGeometryCount())]
        return {"type": "MultiPolygon", "coordinates": [q for q in parts if q]}
    if t == ogr.wkbMultiLineString:
        return {"type": "MultiLineString", "coordinates": [ring(geom.GetGeometryRef(k))
                                                            for k in range(geom.GetGeometryCount())]}
    raise ValueError("unsupported geometry %s" % geom.GetGeometryName())


def write_geojson(path, name, feats, nd, description):
    """feats: list of (properties dict, geometry dict). Written one feature per line, fixed key order."""
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write('{\n"type": "FeatureCollection",\n"name": %s,\n"description": %s,\n"crs": %s,\n"features": [\n'
                 % (json.dumps(name), json.dumps(description, ensure_ascii=False), json.dumps(CRS84)))
        for i, (props, geom) in enumerate(feats):
            f = {"type": "Feature", "id": i + 1, "properties": props, "geometry": geom}
            fh.write(json.dumps(f, ensure_ascii=False, separators=(",", ":")))
            fh.write(",\n" if i + 1 < len(feats) else "\n")
        fh.write("]\n}\n")
    log("wrote %s (%d features, %d bytes)" % (os.path.basename(path), len(feats), os.path.getsize(path)))


# ------------------------------------------------------------------------------------------------ geodesy
def geod_len_km(pts):
    lons = [p[0] for p in pts]
    lats = [p[1] for p in pts]
    return GEOD.line_length(lons, lats) / 1000.0


def densify(pts):
    out = [pts[0]]
    for (x0, y0), (x1, y1) in zip(pts[:-1], pts[1:]):
        d = GEOD.inv(x0, y0, x1, y1)[2] / 1000.0
        n = int(math.ceil(d / DENSIFY_KM)) - 1
        if n > 0:
            out.extend(GEOD.npts(x0, y0, x1, y1, n))
        out.append((x1, y1))
    return out


def ring_area_km2(ring_pts):
    lons = [p[0] for p in ring_pts]
    lats = [p[1] for p in ring_pts]
    return abs(GEOD.polygon_area_perimeter(lons, lats)[0]) / 1e6


def poly_area_km2(poly):
    """OGR polygon -> geodesic area (outer minus holes)."""
    a = 0.0
    for i in range(poly.GetGeometryCount()):
        r = poly.GetGeometryRef(i)
        pts = [(r.GetX(j), r.GetY(j)) for j in range(r.GetPointCount())]
        a += ring_area_km2(pts) * (1 if i == 0 else -1)
    return a


def geom_area_km2(g):
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbPolygon:
        return poly_area_km2(g)
    return sum(poly_area_km2(g.GetGeometryRef(i)) for i in range(g.GetGeometryCount()))


def line_geom(pts):
    g = ogr.Geometry(ogr.wkbLineString)
    for x, y in pts:
        g.AddPoint_2D(x, y)
    return g


def point_geom(x, y):
    g = ogr.Geometry(ogr.wkbPoint)
    g.AddPoint_2D(x, y)
    return g


def lines_of(g):
    """All LineStrings inside a geometry (intersection results)."""
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbLineString:
        return [g.Clone()] if g.GetPointCount() > 1 else []
    if t in (ogr.wkbMultiLineString, ogr.wkbGeometryCollection):
        out = []
        for i in range(g.GetGeometryCount()):
            out.extend(lines_of(g.GetGeometryRef(i)))
        return out
    return []


def polygons_of(g):
    t = ogr.GT_Flatten(g.GetGeometryType())
    if t == ogr.wkbPolygon:
        return [g.Clone()]
    if t in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        out = []
        for i in range(g.GetGeometryCount()):
            out.extend(polygons_of(g.GetGeometryRef(i)))
        return out
    return []


# ------------------------------------------------------------------------------------------------ checks
class LandIndex:
    """Land polygons (NE 10m, valid, clipped) with envelopes for quick candidate selection."""

    def __init__(self, polys):
        self.items = [(p, p.GetEnvelope()) for p in polys]

    def crossings(self, pts):
        """Land pieces of the polyline pts: list of (length_km, mid lon, mid lat, touches_start, touches_end).
        Pieces that continue across a vertex are merged."""
        raw = []   # (segment index, start param, end param, point list)
        for si, (a, b) in enumerate(zip(pts[:-1], pts[1:])):
            seg = line_geom([a, b])
            x0, x1 = min(a[0], b[0]), max(a[0], b[0])
            y0, y1 = min(a[1], b[1]), max(a[1], b[1])
            dx, dy = b[0] - a[0], b[1] - a[1]
            dd = dx * dx + dy * dy or 1.0
            for p, (ex0, ex1, ey0, ey1) in self.items:
                if ex1 < x0 or ex0 > x1 or ey1 < y0 or ey0 > y1:
                    continue
                if not p.Intersects(seg):
                    continue
                for ln in lines_of(p.Intersection(seg)):
                    lp = [(ln.GetX(i), ln.GetY(i)) for i in range(ln.GetPointCount())]
                    t0 = ((lp[0][0] - a[0]) * dx + (lp[0][1] - a[1]) * dy) / dd
                    t1 = ((lp[-1][0] - a[0]) * dx + (lp[-1][1] - a[1]) * dy) / dd
                    if t1 < t0:
                        lp.reverse()
                        t0, t1 = t1, t0
                    raw.append((si + t0, si + t1, lp))
        raw.sort(key=lambda r: (r[0], r[1]))
        merged = []
        for t0, t1, lp in raw:
            if merged and t0 - merged[-1][1] < 1e-9:
                merged[-1][1] = max(merged[-1][1], t1)
                merged[-1][2].extend(lp[1:])
            else:
                merged.append([t0, t1, list(lp)])
        n = len(pts) - 1
        out = []
        for t0, t1, lp in merged:
            km = geod_len_km(lp)
            if km > 0:
                mid = lp[len(lp) // 2]
                out.append((km, mid[0], mid[1], t0 < 1e-9, t1 > n - 1e-9))
        return out


def lane_report(label, pts, land, exceptions=()):
    """Land crossings of a sea lane. Pieces that start at the lane's first or last vertex (a port/city node
    that lies inland of the generalised NE coastline) are reported as node connectors. exceptions: list of
    (name, (x0, y0, x1, y1)) boxes where crossing land is allowed (Suez Canal, Volga channel, landfalls)."""
    pieces = land.crossings(pts)
    allowed, conn, other = [], [], []
    for km, x, y, ts, te in pieces:
        exc = next((n for n, (x0, y0, x1, y1) in exceptions if x0 <= x <= x1 and y0 <= y <= y1), None)
        if exc:
            allowed.append((km, exc))
        elif ts or te:
            conn.append((km, x, y))
        else:
            other.append((km, x, y))
    tot = sum(p[0] for p in other)
    mx = max([p[0] for p in other], default=0.0)
    status = "OK" if mx < CROSSING_TOL_KM else "FAIL"
    msg = "%s: land crossing %.2f km in %d piece(s), max %.2f km [%s]" % (label, tot, len(other), mx, status)
    if other:
        msg += " (" + ", ".join("%.2f km @ %.3f,%.3f" % o for o in sorted(other, reverse=True)[:5]) + ")"
    if conn:
        msg += "; node-to-coast connector(s) at the ends: " + ", ".join("%.2f km @ %.3f,%.3f" % c for c in conn)
    if allowed:
        names = sorted(set(p[1] for p in allowed))
        msg += "; allowed exception %s: %.1f km" % (", ".join(names), sum(p[0] for p in allowed))
    check(msg)
    return tot, mx, status


def onshore_report(label, pts, water):
    """Onshore lines (rail, land pipelines) must not run over the sea/Caspian of the NE basemap."""
    pieces = water.crossings(pts)
    tot = sum(p[0] for p in pieces)
    mx = max([p[0] for p in pieces], default=0.0)
    # a warning, not a failure: coastal towns of the fact sheet lie on or beyond the generalised NE coastline
    status = "OK" if mx < CROSSING_TOL_KM else "WARN"
    msg = "%s: over water %.2f km, max piece %.2f km [%s]" % (label, tot, mx, status)
    if pieces:
        msg += " (" + ", ".join("%.2f km @ %.3f,%.3f" % p[:3] for p in sorted(pieces, reverse=True)[:4]) + ")"
    check(msg)


# ---------------------------------------------------------------- GSHHG full-resolution checks (thematic layers)
# The thematic checks below ask GSHHG 2.3.7 full resolution (Debian gmt-gshhg-full, installed by
# build_geodata.sh) directly through gmt, whatever land the basemap draws: "is this point dry" (gmt select; the
# Caspian counts as water, it is a GSHHG level-2 lake) and "how far is the nearest shoreline" (gmt coast dump of
# a small box around the point). The basemap's own land (NE today) is checked as well, by lane_report and
# onshore_report.
GSHHG_REGION = "-R-20/80/5/70"
LAND_TOL_KM = 0.5          # a point of a land route may lie at most this far off GSHHG land (a quay, a causeway)
PORT_COAST_KM = 1.0        # a port node lies within this distance of the GSHHG shoreline
SAMPLE_KM = 0.25           # spacing of the points at which lines are tested


def gshhg_dry(pts):
    """For each (lon, lat): True when GSHHG full puts it on land (dry), False at sea or on a lake/the Caspian."""
    if not pts:
        return []
    text = "".join("%.6f %.6f %d\n" % (x, y, i) for i, (x, y) in enumerate(pts))
    out = subprocess.run(["gmt", "select", GSHHG_REGION, "-Df", "-Ns/k", "-fg", "-o2"], input=text,
                         capture_output=True, text=True, check=True).stdout
    dry = set(int(float(v)) for v in out.split())
    return [i in dry for i in range(len(pts))]


_SHORE_CACHE = {}


def gshhg_shore_km(x, y, r=0.15):
    """Geodesic distance in km from (x, y) to the nearest GSHHG full shoreline (any level) within r degrees;
    None when there is none that close."""
    key = (round(x, 2), round(y, 2), r)
    if key not in _SHORE_CACHE:
        reg = "-R%.4f/%.4f/%.4f/%.4f" % (key[0] - r, key[0] + r, key[1] - r, key[1] + r)
        out = subprocess.run(["gmt", "coast", reg, "-Df", "-M", "-W"], capture_output=True, text=True,
                             check=True).stdout
        segs, cur = [], None
        for line in out.splitlines():
            if line.startswith(">"):
                cur = []
                segs.append(cur)
            elif line.strip() and cur is not None:
                a, b = line.split()[:2]
                cur.append((float(a), float(b)))
        _SHORE_CACHE[key] = [s for s in segs if len(s) >= 2]
    best = None
    kx = math.cos(math.radians(y))
    for s in _SHORE_CACHE[key]:
        for (x0, y0), (x1, y1) in zip(s[:-1], s[1:]):
            # nearest point on the segment in a local equirectangular plane, then its geodesic distance
            ax, ay, bx, by = (x0 - x) * kx, y0 - y, (x1 - x) * kx, y1 - y
            dx, dy = bx - ax, by - ay
            t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
            px, py = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
            d = GEOD.inv(x, y, px, py)[2] / 1000.0
            if best is None or d < best:
                best = d
    return best


def sample_line(pts, step_km=SAMPLE_KM):
    """Points along the polyline at most step_km apart (geodesic), with the distance along it in km."""
    out = [(pts[0][0], pts[0][1], 0.0)]
    along = 0.0
    for (x0, y0), (x1, y1) in zip(pts[:-1], pts[1:]):
        d = GEOD.inv(x0, y0, x1, y1)[2] / 1000.0
        n = max(1, int(math.ceil(d / step_km)))
        mids = GEOD.npts(x0, y0, x1, y1, n - 1) if n > 1 else []
        for k, (mx, my) in enumerate(mids):
            out.append((mx, my, along + d * (k + 1) / n))
        along += d
        out.append((x1, y1, along))
    return out


def runs(flags, samples):
    """Stretches (start km, end km, sample indices) where flags[i] is True, along sampled points."""
    res, cur = [], None
    for i, f in enumerate(flags):
        if f and cur is None:
            cur = [i, i]
        elif f:
            cur[1] = i
        elif cur is not None:
            res.append(cur)
            cur = None
    if cur is not None:
        res.append(cur)
    return [(samples[a][2], samples[b][2], a, b) for a, b in res]


# Water that a land route crosses on a bridge or a dam (GSHHG draws these rivers and reservoirs as lakes): the
# land check allows water inside these boxes only. (name, (west, south, east, north))
RAIL_BRIDGES = [
    ("Volga bridge at Astrakhan", (47.90, 46.35, 48.10, 46.52)),
    ("Volga crossing at Volgograd", (44.45, 48.62, 44.80, 48.85)),
    ("Manjil dam-lake bridge (Qazvin–Rasht)", (49.38, 36.66, 49.50, 36.76)),
    ("Indus crossing E of Sehwan (IP pipeline, Pakistan)", (67.85, 26.20, 68.00, 26.36)),
]


def land_route_check(label, pts, allow=()):
    """A land route (rail, onshore pipeline): every sampled point is on GSHHG land or within LAND_TOL_KM of the
    shoreline. allow: (name, box) where water is expected (a bridge over a lake, a documented crossing)."""
    smp = sample_line(pts)
    dry = gshhg_dry([(x, y) for x, y, _ in smp])
    worst, bad = 0.0, []
    for i, (x, y, km) in enumerate(smp):
        if dry[i]:
            continue
        if any(x0 <= x <= x1 and y0 <= y <= y1 for _, (x0, y0, x1, y1) in allow):
            continue
        d = gshhg_shore_km(x, y)
        d = 99.0 if d is None else d
        if d > LAND_TOL_KM:
            bad.append((d, x, y, km))
        worst = max(worst, d)
    status = "FAIL" if bad else "OK"
    msg = "%s: GSHHG land check, %d points every %.2f km, worst %.2f km off land (limit %.1f) [%s]" % (
        label, len(smp), SAMPLE_KM, worst, LAND_TOL_KM, status)
    if bad:
        msg += " (" + ", ".join("%.2f km off @ %.3f,%.3f (km %.0f)" % b for b in sorted(bad, reverse=True)[:4]) + ")"
    check(msg)
    return not bad


def sea_lane_check(label, pts, end_km=2.0, allow=()):
    """A sea lane: no dry stretch longer than CROSSING_TOL_KM on GSHHG full, except within end_km of its ends (the
    last stretch to a quay) and the allowed boxes (canal, river)."""
    smp = sample_line(pts)
    dry = gshhg_dry([(x, y) for x, y, _ in smp])
    total = smp[-1][2]
    bad = []
    for k0, k1, a, b in runs(dry, smp):
        if k1 <= end_km or k0 >= total - end_km:
            continue
        mx, my = smp[(a + b) // 2][:2]
        if any(x0 <= mx <= x1 and y0 <= my <= y1 for _, (x0, y0, x1, y1) in allow):
            continue
        if k1 - k0 >= CROSSING_TOL_KM:
            bad.append((k1 - k0, mx, my))
    status = "FAIL" if bad else "OK"
    msg = "%s: GSHHG water check, %d dry stretch(es) of %.1f km or more [%s]" % (label, len(bad), CROSSING_TOL_KM,
                                                                                status)
    if bad:
        msg += " (" + ", ".join("%.2f km @ %.3f,%.3f" % b for b in sorted(bad, reverse=True)[:4]) + ")"
    check(msg)


def length_check(label, drawn, claimed, tol, discrepancy, alt=None):
    """Drawn (geodesic) length against the published one: within tol (a fraction), or the feature explains the
    gap in its length_discrepancy attribute; otherwise FAIL."""
    if claimed is None:
        check("length %s: drawn %.1f km; no published length%s" % (label, drawn, ("; alt: " + alt) if alt else ""))
        return
    off = drawn / claimed - 1.0
    if abs(off) <= tol:
        status = "OK"
    elif discrepancy:
        status = "EXPLAINED"
    else:
        status = "FAIL"
    msg = "length %s: drawn %.1f km vs published %s km (%+.1f %%, tolerance %.0f %%) [%s]" % (
        label, drawn, claimed, off * 100.0, tol * 100.0, status)
    if alt:
        msg += "; alt: " + alt
    if status == "EXPLAINED":
        msg += "; discrepancy: " + discrepancy
    check(msg)


# ------------------------------------------------------------------------------------------------ basemap
THEMATIC = (-20.0, 5.0, 80.0, 70.0)   # every thematic feature lies in this box (the C++ tests check it)

# The open ocean inside the clip box is one connected body (round Africa, through Indonesia, through the
# Norwegian Sea). For queries it is split into basins along APPROXIMATE limits, loosely after IHO S-23: each basin
# is the part of the open water inside a lon/lat ring whose edges run over land except at the gates
# (Cape Agulhas due south along 20°E; the Sunda arc Malay Peninsula–Sumatra–Java–Lesser Sunda Islands–Timor–
# Melville Island, then over Australia and Tasmania and due south along 146.9°E; Baffin Island–Greenland along
# 70°N, then Greenland–Iceland–Faroes–Shetland–Norway). Basins are taken in this order; what is left is the
# Atlantic. (name, ring, seed point that must fall in the basin)
_SUNDA_ARC = [(99.3, 12.0), (98.9, 10.0), (99.6, 8.0), (101.5, 6.0), (103.5, 1.6), (102.5, 0.0), (104.8, -5.0),
              (106.0, -6.4), (110.0, -7.3), (114.0, -8.0), (115.2, -8.4), (116.3, -8.6), (117.5, -8.7),
              (118.8, -8.6), (120.2, -8.6), (122.5, -8.6), (124.3, -9.6), (126.5, -8.8), (127.2, -8.5),
              (131.0, -11.4), (132.0, -14.0), (146.2, -38.6), (146.9, -41.5), (146.9, -45.5)]
_ARCTIC_LIMIT = [(-75.5, 70.0), (-70.0, 70.0), (-48.0, 70.0), (-40.0, 68.0), (-19.0, 65.0), (-14.5, 65.0),
                 (-7.0, 62.1), (-1.3, 60.4), (7.0, 61.0), (12.0, 62.0), (14.0, 64.0), (15.0, 66.0), (29.0, 66.0), (35.0, 62.0), (45.0, 60.0),
                 (100.0, 60.0), (180.5, 67.0)]
OCEAN_BASINS = [
    ("Indian Ocean (Arabian Sea, Gulf of Oman, Persian Gulf, Red Sea, Gulf of Aden, Bay of Bengal)",
     [(20.0, -45.5), (20.0, -30.0), (20.0, 10.0), (30.0, 22.0), (31.0, 30.0), (33.8, 30.5), (38.0, 33.0), (52.0, 33.0),
      (60.0, 36.0), (95.0, 30.0)] + _SUNDA_ARC, (65.0, 15.0)),
    ("Pacific Ocean (west: South China, East China, Japan, Okhotsk, Bering, Coral and Tasman seas)",
     list(reversed(_SUNDA_ARC)) + [(100.0, 60.0), (180.5, 67.0), (180.5, -45.5)], (150.0, 20.0)),
    ("Arctic Ocean (incl. Baffin Bay, Greenland, Norwegian, Barents, White and Kara seas)",
     _ARCTIC_LIMIT + [(180.5, 85.5), (-75.5, 85.5)], (38.0, 72.0)),
]
OCEAN_REST = ("Atlantic Ocean (incl. Mediterranean, Black, North and Baltic seas, Caribbean)", (-15.0, 40.0))


def parse_box(text):
    v = tuple(float(x) for x in text.split(","))
    if len(v) != 4 or not (v[0] < v[2] and v[1] < v[3]):
        raise SystemExit("build_geodata: bad box %r (want west,south,east,north)" % text)
    return v


def box_text(b):
    def deg(v, pos, neg):
        return "%g%s" % (abs(v), pos if v >= 0 else neg)
    return "%s-%s %s-%s" % (deg(b[0], "E", "W"), deg(b[2], "E", "W"), deg(b[1], "N", "S"), deg(b[3], "N", "S"))


def ring_geom(pts):
    lr = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in list(pts) + [pts[0]]:
        lr.AddPoint_2D(x, y)
    g = ogr.Geometry(ogr.wkbPolygon)
    g.AddGeometry(lr)
    if not g.IsValid():
        raise SystemExit("build_geodata: basin ring is not a valid polygon: %s" % pts[:3])
    return g


def box_geom(b):
    x0, y0, x1, y1 = b
    return ring_geom([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])


def multi(polys):
    mp = ogr.Geometry(ogr.wkbMultiPolygon)
    for p in polys:
        mp.AddGeometry(p)
    return mp


def dissolve(polys):
    """Union of polygons: joins the 1:10m and 1:50m parts of a country (or of the land) along the seams."""
    return multi(polys).UnionCascaded()


def split_land(land, countries, reach=0.25):
    """Land split along country borders: [(iso_n3, name, scale, piece)] in the order of `countries`, plus the
    land near no country (or None). See the basemap_land comment in main()."""
    polys = [(c, polygons_of(c[3])) for c in countries]
    union = dissolve([p for _, ps in polys for p in ps])
    sea_in = [(p, p.GetEnvelope()) for p in polygons_of(union.Difference(land))]     # country area off the coast
    land_out = polygons_of(land.Difference(union))                                     # land in no country
    extras = {}
    rest = []
    for lp in land_out:
        lx0, lx1, ly0, ly1 = lp.GetEnvelope()
        best = None
        for i, (c, _) in enumerate(polys):
            x0, x1, y0, y1 = c[3].GetEnvelope()
            if x0 > lx1 + reach or x1 < lx0 - reach or y0 > ly1 + reach or y1 < ly0 - reach:
                continue
            d = c[3].Distance(lp)
            if d <= reach and (best is None or d < best[0]):
                best = (d, i)
        if best is None:
            rest.append(lp)
        else:
            extras.setdefault(best[1], []).append(lp)
    out = []
    for i, (c, _) in enumerate(polys):
        g = c[3]
        x0, x1, y0, y1 = g.GetEnvelope()
        cut = [p for p, (a0, a1, b0, b1) in sea_in if not (a0 > x1 or a1 < x0 or b0 > y1 or b1 < y0)]
        if cut:
            g = g.Difference(dissolve(cut))
        if i in extras:
            g = dissolve(polygons_of(g) + extras[i])
        if polygons_of(g):
            out.append((c[0], c[1], c[2], multi(polygons_of(g))))
    return out, (multi(rest) if rest else None)


def read_ne(path):
    """A clipped Natural Earth GPKG -> ({(iso_n3, name): [polygons]}, [land polygons])."""
    ds = ogr.Open(path)
    countries, land = {}, []
    for f in ds.GetLayerByName("countries"):
        g = f.GetGeometryRef()
        if g is not None and not g.IsEmpty():
            countries.setdefault((f.GetField("id"), f.GetField("name")), []).extend(polygons_of(g))
    for f in ds.GetLayerByName("land"):
        g = f.GetGeometryRef()
        if g is not None and not g.IsEmpty():
            land.extend(polygons_of(g))
    return countries, land


# ------------------------------------------------------------------------------------------------ GSHHG / WDBII
# GSHHG coordinates are rounded to 5 decimals (about 1 m) on reading: full resolution has about 200 m between
# vertices, so nothing visible is lost, and the noding below works on the same numbers the files will hold.
GSHHG_DECIMALS = 5
FOCUS_SIMPLIFY_DEG = 0.0005   # Douglas-Peucker tolerance for the focus region's coast and borders (about 50 m)


def read_gmt(path):
    """A `gmt coast -M` dump -> [(level, [(x, y), ...])]. The level comes from the segment header ("Shore Bin #
    18408, Level 2"; GSHHG: 1 coast, 2 lake shore, 3 island in a lake, 4 pond on such an island; WDBII borders say
    "Level 1" too); a header without one (DCW outlines) gives level 0."""
    segs, cur = [], None
    with open(path) as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith(">"):
                m = re.search(r"Level (\d+)", line)
                cur = (int(m.group(1)) if m else 0, [])
                segs.append(cur)
            elif line.strip():
                if cur is None:
                    raise SystemExit("build_geodata: %s:%d: coordinates before the first '>' header" % (path, n))
                try:
                    x, y = map(float, line.split()[:2])
                except ValueError:
                    raise SystemExit("build_geodata: %s:%d: not a lon/lat pair: %r" % (path, n, line.strip()))
                p = (round(x, GSHHG_DECIMALS), round(y, GSHHG_DECIMALS))
                if not cur[1] or cur[1][-1] != p:
                    cur[1].append(p)
    return [(lv, pts) for lv, pts in segs if len(pts) >= 2]


def faces_of(segs, box=None):
    """Polygonize line segments (plus the box outline): the faces of the planar partition they make. The lines
    are noded first (a union), so segments split at GSHHG bin edges join up again and borders cut the coast."""
    ml = ogr.Geometry(ogr.wkbMultiLineString)
    for _, pts in segs:
        ml.AddGeometry(line_geom(pts))
    if box is not None:
        x0, y0, x1, y1 = box
        ml.AddGeometry(line_geom([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]))
    if ml.GetGeometryCount() == 0:
        return []
    noded = ml.Union(point_geom(*segs[0][1][0] if segs else (box[0], box[1])))
    return polygons_of(noded.Polygonize())


def dcw_polygons(path):
    """A `gmt coast -E<code> -M` dump (DCW-GMT outline, closed rings) -> valid polygons, as one geometry."""
    polys = []
    for _, pts in read_gmt(path):
        if pts[0] != pts[-1]:
            pts = pts + [pts[0]]
        if len(pts) < 4:
            continue
        lr = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in pts:
            lr.AddPoint_2D(x, y)
        g = ogr.Geometry(ogr.wkbPolygon)
        g.AddGeometry(lr)
        polys.extend([g] if g.IsValid() else polygons_of(g.MakeValid()))
    if not polys:
        raise SystemExit("build_geodata: %s holds no DCW outline" % path)
    # DCW rings of one unit may nest (holes as rings of their own): their symmetric union is the area
    acc = polys[0]
    for p in polys[1:]:
        acc = acc.SymDifference(p)
    return acc


class Index:
    """Polygons with envelopes, for candidate selection by bounding box."""

    def __init__(self, items):
        self.items = [(k, g, g.GetEnvelope()) for k, g in items]

    def near(self, g, pad=0.0):
        x0, x1, y0, y1 = g.GetEnvelope()
        return [(k, h) for k, h, (a0, a1, b0, b1) in self.items
                if not (a0 > x1 + pad or a1 < x0 - pad or b0 > y1 + pad or b1 < y0 - pad)]


def close_borders(borders, coast, tol=0.01):
    """WDBII border chains do not always meet: a few end 10-100 m short of another border or of the GSHHG coast,
    and the polygonize in focus_basemap would then leave two countries in one face. Join each loose end to the
    nearest other loose end, or else to the nearest coast vertex, within `tol` degrees (about 1 km). Returns the
    extra segments and the number of ends left loose (they are handled by the NE fallback in focus_basemap)."""
    count = {}
    for _, pts in borders:
        for e in (pts[0], pts[-1]):
            count[e] = count.get(e, 0) + 1
    loose = sorted(e for e, c in count.items() if c == 1)
    grid = {}
    for _, pts in coast:
        for x, y in pts:
            grid.setdefault((int(math.floor(x / tol)), int(math.floor(y / tol))), []).append((x, y))

    def nearest(p, cands):
        best = None
        for q in cands:
            d = math.hypot(q[0] - p[0], q[1] - p[1])
            if d <= tol and (best is None or (d, q) < best):
                best = (d, q)
        return best

    extra, done = [], set()
    for p in loose:
        if p in done:
            continue
        hit = nearest(p, [q for q in loose if q != p and q not in done])
        if hit:
            extra.append((1, [p, hit[1]]))
            done.update((p, hit[1]))
            continue
        gx, gy = int(math.floor(p[0] / tol)), int(math.floor(p[1] / tol))
        cands = [q for i in (-1, 0, 1) for j in (-1, 0, 1) for q in grid.get((gx + i, gy + j), [])]
        hit = nearest(p, cands)
        if hit and hit[0] > 0:
            extra.append((1, [p, hit[1]]))
            done.add(p)
        elif hit:
            done.add(p)
    return extra, len([p for p in loose if p not in done])


def focus_basemap(shore, borders, box, ne_land, ne_countries, sea_lakes, cut_points, reach=0.5):
    """The focus region from GSHHG/WDBII full resolution.
    shore: read_gmt of `gmt coast -W` (levels 1-4); borders: read_gmt of `gmt coast -N1`; box: (x0, y0, x1, y1);
    ne_land: NE land (for telling land faces from sea faces at the box edge); ne_countries: [(key, geometry)];
    sea_lakes: [(name, lon, lat)] GSHHG level-2 bodies that are seas here (the Caspian); cut_points: [(name, lon,
    lat)] islands to leave out of land and countries (drawn by the islands layer).
    Returns dict: land (geometry in the box), lakes [polygons], assigned {key: [faces]}, unassigned [faces],
    cut [(name, polygon)], messages [text]."""
    msgs = []
    boxg = box_geom(box)
    edge = boxg.GetBoundary()
    lv = {k: [s for s in shore if s[0] == k] for k in (1, 2, 3, 4)}
    # level 1: faces of the coastline and the box. A face off the box edge is an island (land); a face on it is
    # continent or open sea, told apart by Natural Earth (they agree on which side of the coast is land).
    land_faces = []
    for f in faces_of(lv[1], box):
        if f.Intersection(edge).Length() > 0:
            ov = f.Intersection(ne_land).GetArea() / f.GetArea()
            if 0.3 < ov < 0.7:
                msgs.append("focus: box-edge face at %s is %.0f%% NE land: ambiguous" % (
                    f.PointOnSurface().ExportToWkt(), ov * 100))
            if ov >= 0.5:
                land_faces.append(f)
        else:
            land_faces.append(f)
    land = dissolve(land_faces)
    # level 2 (lakes): faces of the closed lake shores; level 3 (islands in lakes) likewise
    l2 = faces_of(lv[2])
    l3 = faces_of(lv[3])
    l4 = faces_of(lv[4])
    seas, lakes = [], []
    for f in l2:
        (seas if any(f.Contains(point_geom(x, y)) for _, x, y in sea_lakes) else lakes).append(f)
    for nm, x, y in sea_lakes:
        if not any(f.Contains(point_geom(x, y)) for f in seas):
            raise SystemExit("build_geodata: no GSHHG level-2 body holds the %s seed %.2f,%.2f" % (nm, x, y))
    sea_g = dissolve(seas)
    sea_islands = [f for f in l3 if sea_g.Contains(f.PointOnSurface())]
    lake_islands = [f for f in l3 if not sea_g.Contains(f.PointOnSurface())]
    land = land.Difference(sea_g)
    if sea_islands:
        land = land.Union(dissolve(sea_islands))
    # lakes minus their islands, plus the ponds on those islands (level 4)
    lakes_g = dissolve(lakes)
    if lake_islands:
        lakes_g = lakes_g.Difference(dissolve(lake_islands))
    lake_polys = polygons_of(lakes_g) + [f for f in l4 if not sea_g.Contains(f.PointOnSurface())]
    # islands drawn by another layer: their faces leave land and countries
    cut = []
    for nm, x, y in cut_points:
        p = point_geom(x, y)
        hit = [f for f in polygons_of(land) if f.Distance(p) < 0.01]
        if not hit:
            raise SystemExit("build_geodata: no GSHHG island within 0.01° of %s (%.4f, %.4f)" % (nm, x, y))
        hit = min(hit, key=lambda f: f.Distance(p))
        # with the islets within 0.005° (0.5 km) that islands.geojson draws as part of the island
        near = [f for f in polygons_of(land) if f.Distance(hit) < 0.005]
        cut.append((nm, dissolve(near)))
        land = land.Difference(dissolve(near))
    # countries: the faces of coast + the sea-lake shores + the borders + the box, each land face given to the
    # Natural Earth country it overlaps most (WDBII borders are more detailed, NE names the countries).
    shores = lv[1] + lv[2] + lv[3]
    extra, loose = close_borders(borders, shores)
    msgs.append("focus: WDBII borders: %d segments, %d loose ends joined (<= 1 km), %d left loose"
                % (len(borders), len(extra), loose))
    segs = shores + borders + extra
    land_idx = Index([(i, p) for i, p in enumerate(polygons_of(land))])
    cidx = Index(ne_countries)
    cidx_items = [(k, g) for k, g in ne_countries]
    assigned, unassigned = {}, []
    for f in faces_of(segs, box):
        pos = f.PointOnSurface()
        if not any(p.Contains(pos) for _, p in land_idx.near(pos)):
            continue
        ov = []
        for key, g in cidx.near(f):
            a = f.Intersection(g).GetArea() if g.Intersects(f) else 0.0
            if a > 0:
                ov.append((a, key))
        ov.sort(key=lambda t: (-t[0], str(t[1])))
        if ov:
            key = ov[0][1]
            if len(ov) > 1 and ov[1][0] > 0.01 * f.GetArea() and geom_area_km2(f) * ov[1][0] / f.GetArea() > 1:
                # a face WDBII does not close (a border gap): split it along the NE borders instead, and give
                # what lies in no NE country (the coastal strip between the NE and GSHHG coasts) to the nearest part
                msgs.append("focus: face at %.3f,%.3f (%.0f km2) is %.0f%% %s and %.0f%% %s in NE: split along the "
                            "NE borders" % (pos.GetX(), pos.GetY(), geom_area_km2(f), 100 * ov[0][0] / f.GetArea(),
                                            ov[0][1][1], 100 * ov[1][0] / f.GetArea(), ov[1][1][1]))
                parts, small = [], []
                for a_, k_ in ov:
                    g = dict(cidx_items)[k_]
                    ps = polygons_of(f.Intersection(g))
                    # slivers (under 0.05 km2) where the NE and WDBII lines run close: they join the neighbour
                    small += [p for p in ps if poly_area_km2(p) < 0.05]
                    parts.append((k_, [p for p in ps if poly_area_km2(p) >= 0.05]))
                rest = f.Difference(dissolve([p for _, ps in parts for p in ps]))
                for r in polygons_of(rest):
                    k_ = min(((min(r.Distance(p) for p in ps), str(k_), k_) for k_, ps in parts if ps))[2]
                    dict(parts)[k_].append(r)
                for k_, ps in parts:
                    assigned.setdefault(k_, []).extend(ps)
                continue
        else:
            near = [(g.Distance(f), str(k), k) for k, g in cidx.near(f, reach)]
            near = [t for t in near if t[0] <= reach]
            if not near:
                unassigned.append(f)
                continue
            key = min(near)[2]
        assigned.setdefault(key, []).append(f)
    return {"land": land, "lakes": lake_polys, "assigned": assigned, "unassigned": unassigned, "cut": cut,
            "messages": msgs}


# ------------------------------------------------------------------------------------------------ helpers
def names(endo, basis_if_any="endonym added by the data engineer (not in the fact sheet)"):
    return {
        "name_fa": endo.get("fa"), "name_ru": endo.get("ru"), "name_az": endo.get("az"),
        "names_basis": basis_if_any if endo else None,
    }


class Validator:
    def __init__(self, ids):
        self.ids = ids
        self.used = set()
        self.dated = set()

    def src(self, s):
        parts = [p.strip() for p in s.split(";") if p.strip()]
        for p in parts:
            if p not in self.ids:
                raise SystemExit("build_geodata: source id %r is not in geodata/SOURCES.md" % p)
            self.used.add(p)
        return ";".join(parts)

    def conf(self, c):
        if c not in ("H", "M", "L"):
            raise SystemExit("build_geodata: bad confidence %r" % c)
        return c

    def label(self, text, what, limit=32):
        """Map labels: non-empty, trimmed, at most `limit` characters (they are drawn on the map)."""
        if not isinstance(text, str) or not text.strip() or text != text.strip():
            raise SystemExit("build_geodata: %s: bad label %r" % (what, text))
        if len(text) > limit:
            raise SystemExit("build_geodata: %s: label %r is longer than %d characters" % (what, text, limit))
        return text

    ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")

    def dates(self, fid, F):
        """The date fields of a thematic feature (F.DATES), each an ISO 8601 date, full or partial (YYYY,
        YYYY-MM, YYYY-MM-DD), or null; status_as_of always set."""
        d = dict(F.DATES.get(fid, {}))
        self.dated.add(fid)
        out = {}
        for k in F.DATE_FIELDS:
            v = d.pop(k, None)
            if v is not None and not self.ISO_DATE.match(v):
                raise SystemExit("build_geodata: %s: %s %r is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)"
                                 % (fid, k, v))
            out[k] = v
        sa = d.pop("status_as_of", F.STATUS_AS_OF_DEFAULT)
        if not self.ISO_DATE.match(sa):
            raise SystemExit("build_geodata: %s: status_as_of %r is not an ISO date" % (fid, sa))
        out["status_as_of"] = sa
        if d:
            raise SystemExit("build_geodata: %s: unknown date field(s) %s in DATES" % (fid, ", ".join(sorted(d))))
        return out

    def status_class(self, c, allowed):
        if c not in allowed:
            raise SystemExit("build_geodata: status_class %r is not one of %s" % (c, ", ".join(allowed)))
        return c


def flag(v, what):
    """Boolean attributes (approx, missing_link, confirmed, offshore) must be written as JSON true/false, not
    as strings or 0/1, so that GDAL reads them as booleans (OFSTBoolean)."""
    if not isinstance(v, bool):
        raise SystemExit("build_geodata: %s must be a boolean, got %r" % (what, v))
    return v


# ------------------------------------------------------------------------------------------------ README
README_BEGIN = "<!-- files table: generated by scripts/build_geodata.sh, do not edit by hand -->"
README_END = "<!-- end of the generated files table -->"
FILE_NOTES = [
    ("basemap_countries", "Natural Earth admin-0, 1:10m in {inner} and 1:50m elsewhere, clipped to {clip}; in "
                          "{focus} cut to the GSHHG full coast along WDBII borders; `view` both/de-jure/de-facto"),
    ("basemap_land", "land: GSHHG full in {focus}, else Natural Earth (same scales and clip), split along the country "
                     "borders (one feature per country, plus islets near none)"),
    ("basemap_water", "inland water drawn above the land: GSHHG lakes (full in {focus}, intermediate elsewhere), "
                      "the Aral from NE; named lakes and two 'other lakes' features"),
    ("basemap_disputed", "disputed areas (hatched): Crimea, Golan, Siachen, Indian-administered Kashmir, N. Cyprus"),
    ("basemap_sea_labels", "names of seas and straits, English and Persian (label points)"),
    ("basemap_seas", "the clip box minus land: Atlantic (incl. Mediterranean/Black/North/Baltic seas), Indian Ocean "
                     "(incl. Gulf/Red Sea), western Pacific, Arctic (basins split along approximate limits), "
                     "Caspian Sea, other enclosed water"),
    ("instc_nodes", "n01–n30 (§1), n31–n38 (Turkmenbashi, Caspian Port, Chekhov, Mashhad, KTI border stations)"),
    ("instc_routes", "r01–r09 (§2), split where the status changes, r06 lanes per port pair, r10 Caspian lanes "
                     "from Alat/Aktau/Turkmenbashi"),
    ("railways", "rw01 Qazvin–Rasht, rw02 Rasht–Caspian Port, rw03 Rasht–Astara (planned), rw04 Astara–Astara "
                 "1520 mm, rw05 Astara–Baku–Yalama, rw06 Chabahar–Zahedan (under construction)"),
    ("railway_stations", "§3 and §4 stations and routing towns"),
    ("islands", "Abu Musa, Greater Tunb, Lesser Tunb (GSHHG outlines)"),
    ("energy_fields", "South Pars/North Dome, Kish, North Pars (offshore), Asaluyeh hub (§6a); Nord Stream rupture "
                      "sites (2022)"),
    ("energy_pipelines", "p01–p06 (§6b), p02t IGAT-1 Tehran spur, p07 Nord Stream 2"),
]


# The large generated polygon layers ship as FlatGeobuf, the rest as GeoJSON. Reading GeoJSON is most of the
# bundled map's start (GDAL parses the text twice: once for the schema, once for the features); FlatGeobuf reads
# about 4x faster with the same features, attributes and pixels. No spatial index: it would reorder the features
# along a Hilbert curve, and the order is the draw order. The small, partly hand-made layers stay readable text.
FLATGEOBUF_LAYERS = ("basemap_countries", "basemap_land", "basemap_seas", "basemap_water")


GEOJSON_TYPE_NAMES = {"POINT": "Point", "MULTIPOINT": "MultiPoint", "LINESTRING": "LineString",
                      "MULTILINESTRING": "MultiLineString", "POLYGON": "Polygon", "MULTIPOLYGON": "MultiPolygon"}


def to_flatgeobuf(out, stem):
    """Replaces out/stem.geojson by out/stem.fgb (same layer name, features in the same order)."""
    src = os.path.join(out, stem + ".geojson")
    dst = os.path.join(out, stem + ".fgb")
    if os.path.exists(dst):
        os.remove(dst)
    gdal.UseExceptions()
    gdal.VectorTranslate(dst, src, format="FlatGeobuf", layerName=stem, layerCreationOptions=["SPATIAL_INDEX=NO"])
    os.remove(src)
    log("converted %s to FlatGeobuf (%d bytes)" % (stem, os.path.getsize(dst)))


def update_readme(path, out, clip, inner, focus):
    """Rewrites the files table of geodata/README.md (between README_BEGIN and README_END) from the files just
    written: geometry type, feature count and size."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    if text.count(README_BEGIN) != 1 or text.count(README_END) != 1:
        raise SystemExit("build_geodata: %s lacks the generated-table markers" % path)
    rows = ["| file | geometry | features | size | content |", "|---|---|---|---|---|"]
    total = 0
    for stem, note in FILE_NOTES:
        name = stem + (".fgb" if stem in FLATGEOBUF_LAYERS else ".geojson")
        fpath = os.path.join(out, name)
        ds = ogr.Open(fpath)
        layer = ds.GetLayer(0)
        kinds = sorted({GEOJSON_TYPE_NAMES[f.GetGeometryRef().GetGeometryName()] for f in layer})
        count = layer.GetFeatureCount()
        ds = None
        size = os.path.getsize(fpath)
        total += size
        rows.append("| `%s` | %s | %d | %s | %s |" % (
            name, "/".join(kinds), count, ("%.2f MB" % (size / 1e6)) if size >= 1e5 else ("%.0f kB" % (size / 1e3)),
            note.format(clip=box_text(clip), inner=box_text(inner), focus=box_text(focus))))
    rows.append("| `CHECKS.md` | – | – | – | every measured check from the last build (lengths, areas, crossings) |")
    rows.append("")
    rows.append("Together %.2f MB of GeoJSON and FlatGeobuf." % (total / 1e6))
    a = text.index(README_BEGIN) + len(README_BEGIN)
    b = text.index(README_END)
    new = text[:a] + "\n" + "\n".join(rows) + "\n" + text[b:]
    if new != text:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(new)
    log("README.md files table: %d files, %.2f MB" % (len(FILE_NOTES), total / 1e6))


# ------------------------------------------------------------------------------------------------ main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--facts", required=True)
    ap.add_argument("--sources", required=True)
    ap.add_argument("--ne10", required=True, help="GPKG: Natural Earth 1:10m countries and land, valid, clipped to "
                                                  "--inner")
    ap.add_argument("--ne50", required=True, help="GPKG: Natural Earth 1:50m countries and land, valid, clipped to "
                                                  "--clip minus --inner")
    ap.add_argument("--clip", required=True, help="basemap clip box west,south,east,north")
    ap.add_argument("--inner", required=True, help="the part of the clip box drawn from 1:10m")
    ap.add_argument("--gshhg", required=True, help="gmt coast -M -W dump for the islands")
    ap.add_argument("--focus", required=True, help="the region drawn from GSHHG/WDBII full: west,south,east,north")
    ap.add_argument("--focus-shore", required=True, help="gmt coast -Df -M -W dump of the focus region")
    ap.add_argument("--focus-borders", required=True, help="gmt coast -Df -M -N1 dump of the focus region")
    ap.add_argument("--lakes", required=True, help="gmt coast -M -W -A<km2>/2/3 dump: lakes of the whole clip box")
    ap.add_argument("--dcw-dir", required=True, help="folder of gmt coast -E<code> -M dumps named dcw_<code>.txt")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    F = load_facts(a.facts)
    V = Validator(load_source_ids(a.sources))
    out = a.out

    # ---------------------------------------------------------------- lookup of named points
    P = {}
    for n in F.NODES:
        P[n[0]] = (n[2], n[3], n[1])
    for k, (nm, x, y, s, ap_) in F.WP.items():
        P[k] = (x, y, nm)
    for k, (x, y, nm) in F.DERIVED.items():
        P[k] = (x, y, nm + " [derived]")
    for s in F.STATIONS:
        P[s[0]] = (s[2], s[3], s[1])

    used_labels = set()

    def lab(fid):
        """{"label", "label_fa"} of a thematic feature, from F.LABELS (every feature must have one)."""
        if fid not in F.LABELS:
            raise SystemExit("build_geodata: no map label for %s (add it to LABELS in facts.py)" % fid)
        used_labels.add(fid)
        text, fa = F.LABELS[fid]
        return {"label": V.label(text, fid), "label_fa": V.label(fa, fid + " label_fa") if fa is not None else None}

    def pts_of(keys):
        return [(P[k][0], P[k][1]) for k in keys]

    def via_of(keys):
        return " → ".join(P[k][2] for k in keys)

    # ---------------------------------------------------------------- basemap
    clip = parse_box(a.clip)
    inner = parse_box(a.inner)
    print("basemap: Natural Earth 1:10m in %s and 1:50m in the rest of %s (world-atlas@2.0.2), made valid, then "
          "clipped" % (box_text(inner), box_text(clip)))
    c10, l10 = read_ne(a.ne10)
    c50, l50 = read_ne(a.ne50)
    countries = []
    for key in set(c10) | set(c50):
        n3, nm = key
        polys = c10.get(key, []) + c50.get(key, [])
        scale = " + ".join(s for s, d in (("1:10m", c10), ("1:50m", c50)) if key in d)
        countries.append((n3, nm, scale, dissolve(polys)))
    countries.sort(key=lambda c: (c[0] is None, c[0] or "", c[1]))

    # The focus region (issue 10 #20): coast, lakes and borders from GSHHG/WDBII full resolution. Each country is
    # NE outside the box plus, inside it, the faces of the GSHHG coast and the WDBII borders that NE gives it; so
    # the fills end exactly at the GSHHG coast, and country and land meet NE along the box edges (a straight cut
    # both sides share: no gap, no overlap; where a coast or border crosses an edge it may step by the few hundred
    # metres NE and GSHHG/WDBII differ there).
    focus = parse_box(a.focus)
    fbox = box_geom(focus)
    ne_land = dissolve(l10 + l50)
    print("basemap: focus region %s from GSHHG 2.3.7 full resolution (coast, lakes) and WDBII (borders)"
          % box_text(focus))
    # GSHHG full has a vertex every 100-200 m, many nearly in line: Douglas-Peucker at FOCUS_SIMPLIFY_DEG (about
    # 50 m, under 2 px in the Astara view at 1600 px) halves the vertices and so the load time the focus region
    # adds; each segment keeps its end points, so the segments still join.
    def simplified(segs):
        return [(lv, [(g.GetX(i), g.GetY(i)) for i in range(g.GetPointCount())])
                for lv, g in ((lv, line_geom(pts).Simplify(FOCUS_SIMPLIFY_DEG)) for lv, pts in segs)]

    fb = focus_basemap(simplified(read_gmt(a.focus_shore)), simplified(read_gmt(a.focus_borders)), focus,
                       ne_land.Intersection(fbox),
                       [((c[0], c[1]), c[3].Intersection(fbox)) for c in countries if c[3].Intersects(fbox)],
                       F.SEA_LAKE_SEEDS, F.CUT_ISLANDS)
    for m in fb["messages"]:
        check(m)
    swapped, lost = [], []
    for k, (n3, nm, scale, g) in enumerate(countries):
        inside = g.Intersection(fbox)
        if inside.IsEmpty() or inside.GetArea() == 0:
            continue
        faces = fb["assigned"].get((n3, nm), [])
        if not faces and geom_area_km2(inside) > 1.0:
            lost.append(nm)
        countries[k] = (n3, nm, scale + " + GSHHG/WDBII", dissolve(polygons_of(g.Difference(fbox)) + faces))
        swapped.append(nm)
    if lost:
        raise SystemExit("build_geodata: no GSHHG/WDBII face went to %s (in the focus region)" % ", ".join(lost))
    check("basemap: focus region %s drawn from GSHHG full + WDBII for %d countries (%s); %d land face(s) near no "
          "country (%.1f km2: %s)" % (box_text(focus), len(swapped), ", ".join(sorted(swapped)), len(fb["unassigned"]),
                                      sum(poly_area_km2(f) for f in fb["unassigned"]),
                                      ", ".join(f.PointOnSurface().ExportToWkt() for f in fb["unassigned"][:5])))
    land_geom = dissolve(polygons_of(ne_land.Difference(fbox)) + polygons_of(fb["land"]))
    for nm, poly in fb["cut"]:
        check("basemap: %s (%.2f km2 of GSHHG land, %d ring(s)) is left out of basemap_land and every country; "
              "islands.geojson draws it" % (nm, geom_area_km2(poly), len(polygons_of(poly))))

    # NE units that are not countries join the country they belong to (MERGED_UNITS), after the focus swap
    by_name = {c[1]: c for c in countries}
    units = {}
    merge_notes = {}
    for unit, (into, note, src) in F.MERGED_UNITS.items():
        if unit not in by_name or into not in by_name:
            raise SystemExit("build_geodata: MERGED_UNITS: %r or %r is not an NE unit in the clip box" % (unit, into))
        units[unit] = by_name[unit][3]
        n3, nm, scale, g = by_name[into]
        by_name[into] = (n3, nm, scale, dissolve(polygons_of(g) + polygons_of(units[unit])))
        merge_notes.setdefault(into, []).append((note, src))
    countries = [by_name[c[1]] for c in countries if c[1] not in F.MERGED_UNITS]
    check("basemap: merged into their country: " + ", ".join("%s -> %s" % (u, v[0]) for u, v in F.MERGED_UNITS.items()))

    # Disputed areas (issue 10 #8): polygons from offline data (DISPUTED_AREAS), and the two points of view.
    geom_of = {c[1]: c[3] for c in countries}
    iso_of = {c[1]: (F.ISO_N3_TO_A3.get(c[0]) if c[0] else None) for c in countries}
    name_of_iso = {v: k for k, v in iso_of.items() if v}
    dcw_cache = {}

    def dcw(code):
        if code not in dcw_cache:
            dcw_cache[code] = dcw_polygons(os.path.join(a.dcw_dir, "dcw_%s.txt" % code))
        return dcw_cache[code]

    disputed = []
    for d in F.DISPUTED_AREAS:
        kind, nm = d["area"][0], d["area"][1]
        base = units.get(nm) or geom_of.get(nm)
        if base is None:
            raise SystemExit("build_geodata: disputed area %s: no NE unit %r" % (d["id"], nm))
        if kind == "part":
            bx = box_geom(d["area"][2])
            polys = [p for p in polygons_of(base) if bx.Contains(p)]
        elif kind == "unit":
            polys = polygons_of(base)
        elif kind == "minus-dcw":
            polys = polygons_of(base.Difference(dcw(d["area"][2])).Intersection(box_geom(d["area"][3])))
            polys = [p for p in polys if poly_area_km2(p) >= 20.0]     # slivers where NE and DCW lines differ
        elif kind == "and-dcw":
            polys = polygons_of(base.Intersection(dcw(d["area"][2])))
            polys = [p for p in polys if poly_area_km2(p) >= 20.0]
        else:
            raise SystemExit("build_geodata: disputed area %s: unknown derivation %r" % (d["id"], kind))
        area = dissolve(polys)
        if disputed:       # the areas do not overlap: an earlier one (Siachen) is not part of a later one (Kashmir)
            area = multi([p for p in polygons_of(area.Difference(dissolve([p for _, g in disputed
                                                                            for p in polygons_of(g)])))
                          if poly_area_km2(p) >= 1.0])
        if not polygons_of(area):
            raise SystemExit("build_geodata: disputed area %s (%s) came out empty" % (d["id"], d["name"]))
        disputed.append((d, area))
    jure = dict(geom_of)
    facto = dict(geom_of)
    changed = set()
    in_dispute = {}
    for d, area in disputed:
        for side in (d["de_jure"], d["administered_by"]):
            nm = name_of_iso.get(side) or (side if side in geom_of else None)
            if side and nm:
                in_dispute.setdefault(nm, []).append(d)
        if d["de_jure"] is None:
            continue          # the UN gives the area to no one: both views follow the administering state
        jn, dn = name_of_iso.get(d["de_jure"]), name_of_iso.get(d["administered_by"]) or d["administered_by"]
        if jn not in jure or dn not in jure:
            raise SystemExit("build_geodata: disputed area %s: %s or %s is not in the clip box" % (d["id"], jn, dn))
        changed.update((jn, dn))
        jure[jn] = jure[jn].Union(area)
        facto[jn] = facto[jn].Difference(area)
        jure[dn] = jure[dn].Difference(area)
        facto[dn] = facto[dn].Union(area)
    views = []          # (n3, nm, scale, geometry, view) in the order of `countries`
    for n3, nm, scale, g in countries:
        if nm not in changed:
            views.append((n3, nm, scale, g, "both"))
            continue
        for view, vg in (("de-jure", jure[nm]), ("de-facto", facto[nm])):
            polys = [p for p in polygons_of(vg) if poly_area_km2(p) > 0.01]
            if polys:
                views.append((n3, nm, scale, multi(polys), view))
    check("basemap_countries: two views (de-jure | de-facto) for %s; every other country is view = both"
          % ", ".join(sorted({v[1] for v in views if v[4] != "both"})))

    def instc_class(text, iso3):
        # A fixed vocabulary for styles; the full text stays in `instc`.
        if iso3 in F.INSTC_DOUBTFUL:
            return "member (doubtful)"
        for prefix, cls in (("founder", "founder"), ("member", "member"), ("listed as a member", "member"),
                            ("observer", "observer"), ("accession", "accession")):
            if text.startswith(prefix):
                return cls
        raise SystemExit("build_geodata: no instc_class for %r" % text)

    cfeats = []
    unmapped = []
    for n3, nm, scale, g, view in views:
        iso3 = F.ISO_N3_TO_A3.get(n3) if n3 else None
        if n3 and not iso3:
            unmapped.append((n3, nm))
        src = ["NE"] + (["GSHHG", "S140"] if "GSHHG" in scale else [])
        conf = "H"
        instc = F.INSTC.get(iso3)
        if instc:
            src += instc[1].split(";")
            conf = instc[2]
        sco = F.SCO.get(iso3) or F.SCO_OBSERVERS.get(iso3)
        if sco:
            src.append("S73")
        brics = F.BRICS.get(iso3)
        if brics:
            src.append("S74")
        notes = None
        if iso3 == "IRN":
            notes = ("Abu Musa, Greater and Lesser Tunb are left out of this polygon (and of basemap_land): "
                     "islands.geojson draws them (administered by Iran, claimed by the UAE). INSTC founding: "
                     + F.INSTC_FOUNDING)
        elif iso3 == "ARE":
            notes = ("claims Abu Musa (Sharjah) and Greater/Lesser Tunb (Ras al-Khaimah); they are in no country "
                     "polygon, see islands.geojson")
        elif iso3 in ("IND", "RUS"):
            notes = "INSTC founding: " + F.INSTC_FOUNDING
        elif n3 is None:
            notes = "no ISO 3166-1 numeric code in Natural Earth (id is null)"
        extra = []
        for note, s_ in merge_notes.get(nm, []):
            extra.append(note)
            src += s_.split(";")
        if iso3 in F.INSTC_DOUBTFUL:
            extra.append(F.INSTC_DOUBTFUL[iso3])
        if iso3 == "UKR":
            extra.append(F.UKRAINE_OCCUPIED_NOTE)
            src.append("S144")
        if view != "both":
            extra.append("%s view: %s" % (view, "the UN-recognised territory (default)" if view == "de-jure" else
                                          "the territory as administered today"))
        for d in in_dispute.get(nm, []):
            src += d["source"].split(";")
        if nm == "Turkey" or nm == "Macedonia":
            src.append("S147" if nm == "Turkey" else "S146")
        if extra:
            notes = "; ".join(([notes] if notes else []) + extra)
        if nm in ("Baikonur", "Siachen Glacier"):
            raise SystemExit("build_geodata: %s should have been merged" % nm)
        seen = []
        for s in src:
            if s not in seen:
                seen.append(s)
        label = F.COUNTRY_LABELS.get(nm, nm)
        props = {"iso3": iso3, "iso_n3": n3, "name": nm, "label": V.label(label, "country " + nm), "view": view,
                 "disputes": "; ".join("%s %s" % (d["id"], d["label"]) for d in in_dispute.get(nm, [])) or None,
                 "label_fa": F.COUNTRY_LABEL_FA.get(iso3) if iso3 else None, "ne_scale": scale,
                 "instc": instc[0] if instc else None, "instc_class": instc_class(instc[0], iso3) if instc else None,
                 "sco": sco, "brics": brics, "source": V.src(";".join(seen)), "confidence": V.conf(conf),
                 "approx": False, "notes": notes}
        cfeats.append((props, g))
    if unmapped:
        raise SystemExit("build_geodata: no ISO3 for %s" % unmapped)
    for nm in F.COUNTRY_LABELS:
        if nm not in {c[1] for c in countries}:
            raise SystemExit("build_geodata: COUNTRY_LABELS names %r, which is not in the clip box" % nm)
    present = {p["iso3"] for p, _ in cfeats}
    for iso in F.COUNTRY_LABEL_FA:
        if iso not in present:
            raise SystemExit("build_geodata: COUNTRY_LABEL_FA names %s, which is not in the clip box" % iso)
    # membership rows whose country is outside the clip box
    outside = sorted(iso for iso in set(F.INSTC) | set(F.SCO) | set(F.SCO_OBSERVERS) | set(F.BRICS)
                     if iso not in present)
    for iso in outside:
        check("basemap: %s (INSTC/SCO/BRICS attribute) is outside the clip box: not in basemap_countries" % iso)
    if not outside:
        check("basemap: every INSTC/SCO/BRICS country is in basemap_countries")

    def shoelace(r):
        return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(r, r[1:]))) / 2.0

    def drop_collapsed(gj, nd):
        """Rings that rounding squashed to (nearly) nothing: a sliver triangle of a few 0.0001° touching its
        neighbour makes the multipolygon invalid and is no feature. Below 2 square grid steps they go."""
        if gj["type"] != "MultiPolygon":
            return gj
        eps = 2 * 10.0 ** (-2 * nd)
        polys = []
        for poly in gj["coordinates"]:
            if shoelace(poly[0]) < eps:
                continue
            polys.append([poly[0]] + [h for h in poly[1:] if shoelace(h) >= eps])
        return {"type": "MultiPolygon", "coordinates": polys}

    def finish_polys(feats, nd):
        res, bad = [], 0
        for props, g in feats:
            gj = drop_collapsed(coords_of(multi(polygons_of(g)), nd), nd)
            rg = ogr.CreateGeometryFromJson(json.dumps(gj))
            if not rg.IsValid():
                bad += 1
                # rounding a valid polygon can make it invalid (a thin spike folds onto a neighbouring edge), and
                # so can rounding what MakeValid returns. Try MakeValid and rounding a few times; if the fold is
                # still there, write this feature with one decimal more (0.00001°, 1 m): its edges then differ
                # from its neighbours' by under 11 m, which no view shows.
                src_g = g
                for digits in (nd, nd + 1):
                    rg = src_g
                    for attempt in range(3):
                        rg = multi([p for p in polygons_of(rg.MakeValid()) if attempt == 0 or p.GetArea() > 1e-6])
                        gj = drop_collapsed(coords_of(rg, digits), digits)
                        rg = ogr.CreateGeometryFromJson(json.dumps(gj))
                        if rg.IsValid():
                            break
                    if rg.IsValid():
                        if digits != nd:
                            log("%s: written with %d decimals (a fold at %d)" % (
                                props.get("name") or props.get("id"), digits, nd))
                        break
                else:
                    raise SystemExit("build_geodata: %s: still invalid after rounding to %d decimals"
                                     % (props.get("name") or props.get("id"), nd + 1))
            if gj["type"] == "Polygon":
                gj = {"type": "MultiPolygon", "coordinates": [gj["coordinates"]]}
            res.append((props, gj))
        return res, bad

    ne_text = ("Natural Earth admin-0 countries, 1:10m in %s and 1:50m elsewhere; in %s the coast is GSHHG 2.3.7 full "
               "and the borders WDBII; view = both | de-jure | de-facto where a dispute makes them differ"
               % (box_text(inner), box_text(focus)))
    cf, bad = finish_polys(cfeats, BASEMAP_DECIMALS)
    write_geojson(os.path.join(out, "basemap_countries.geojson"), "basemap_countries", cf, BASEMAP_DECIMALS,
                  "%s (world-atlas@2.0.2 TopoJSON), made valid, clipped to %s; INSTC/SCO/BRICS attributes from the "
                  "fact sheet" % (ne_text, box_text(clip)))
    check("basemap_countries: %d features (%d from 1:10m only, %d from 1:50m only, %d joined at the 1:10m/1:50m "
          "seams); %d needed re-validation after rounding to %d decimals"
          % (len(cf), sum(1 for c in countries if c[2] == "1:10m"), sum(1 for c in countries if c[2] == "1:50m"),
             sum(1 for c in countries if "+" in c[2]), bad, BASEMAP_DECIMALS))

    # basemap_land is NE land (the coastline), split along the NE country borders into one feature per country:
    # no ring is then continent-sized. The viewer simplifies each ring on its own for its coarser levels of detail;
    # a simplified continent-sized ring crosses itself at every narrow strait and is filled wrongly (with the
    # single Afro-Eurasian polygon the Caspian, Black and Red seas came out as land in the default view). Each
    # piece is the land inside the country; land outside every country polygon (slivers where the NE land and
    # admin-0 coastlines differ, islets) joins the nearest country within 0.25°, or a last piece of its own.
    land_pieces, land_rest = split_land(land_geom, countries)
    lfeats = []
    for k, (n3, nm, _, piece) in enumerate(land_pieces):
        iso3 = F.ISO_N3_TO_A3.get(n3) if n3 else None
        g_src = "NE;GSHHG" if piece.Intersects(fbox) else "NE"
        lfeats.append(({"id": "l%03d" % (k + 1), "name": "Land", "country": iso3, "country_name": nm,
                        "source": V.src(g_src), "confidence": "H", "approx": False,
                        "notes": None}, piece))
    if land_rest is not None:
        lfeats.append(({"id": "l%03d" % (len(lfeats) + 1), "name": "Land", "country": None, "country_name": None,
                        "source": V.src("NE"), "confidence": "H", "approx": False,
                        "notes": "land farther than 0.25° from every NE country polygon (islets)"}, land_rest))
    lf, bad = finish_polys(lfeats, BASEMAP_DECIMALS)
    # pieces that vanish when rounded (a country's sliver of land) are left out; ids are then renumbered
    lf = [(props, gj) for props, gj in lf if gj["coordinates"]]
    for k, (props, _) in enumerate(lf):
        props["id"] = "l%03d" % (k + 1)
    write_geojson(os.path.join(out, "basemap_land.geojson"), "basemap_land", lf, BASEMAP_DECIMALS,
                  "Land: GSHHG 2.3.7 full resolution in %s, Natural Earth 1:10m in %s and 1:50m elsewhere "
                  "(world-atlas@2.0.2), made valid, clipped to %s, split along the country borders (one feature per "
                  "country); lakes other than the Caspian are land here and drawn by basemap_water; Abu Musa and "
                  "the Tunbs are left out (islands.geojson)" % (box_text(focus), box_text(inner), box_text(clip)))
    check("basemap_land: %d features (land split along country borders); %.0f km2 of land lies in no country "
          "polygon; %d needed re-validation after rounding to %d decimals"
          % (len(lf), geom_area_km2(land_geom.Difference(dissolve([p for c in countries for p in polygons_of(c[3])]))),
             bad, BASEMAP_DECIMALS))

    # seas = clip box minus land. Enclosed water bodies are named by seed points; the open ocean (one connected
    # body in a box this wide) is split into basins along approximate limits (OCEAN_BASINS).
    box = box_geom(clip)
    water = polygons_of(box.Difference(land_geom))
    boundary = box.GetBoundary()
    ocean_seeds = [point_geom(*b[2]) for b in OCEAN_BASINS] + [point_geom(*OCEAN_REST[1])]
    enclosed_seeds = [("Caspian Sea", 51.5, 42.0, "lake-sea, enclosed; NE treats it as water"),
                      ("Aral Sea (NE remnant)", 59.5, 45.0, None)]
    ocean = ogr.Geometry(ogr.wkbMultiPolygon)
    named = []
    small = ogr.Geometry(ogr.wkbMultiPolygon)
    for w in water:
        if w.Intersects(boundary) or any(w.Contains(s) for s in ocean_seeds):
            ocean.AddGeometry(w)      # open water: touches the box edge, or holds an ocean seed
            continue
        hit = next(((nm, note) for nm, sx, sy, note in enclosed_seeds if w.Contains(point_geom(sx, sy))), None)
        if hit:
            named.append((hit[0], hit[1], w))
        else:
            small.AddGeometry(w)
    basins = []
    rest = ocean
    for nm, ring, seed in OCEAN_BASINS:
        limit = ring_geom(ring)
        basins.append((nm, multi(polygons_of(rest.Intersection(limit))), seed))
        rest = rest.Difference(limit)
    basins.append((OCEAN_REST[0], multi(polygons_of(rest)), OCEAN_REST[1]))
    for nm, g, (sx, sy) in basins:
        if not g.Contains(point_geom(sx, sy)):
            raise SystemExit("build_geodata: seed %.1f,%.1f is not in the basin %s" % (sx, sy, nm))
        named.append((nm, "open ocean; basin limits approximate (geodata/README.md), for queries only", g))
    named.sort(key=lambda s: -geom_area_km2(s[2]))
    seas = []
    for k, (nm, note, w) in enumerate(named):
        seas.append(({"id": "s%02d" % (k + 1), "name": nm, "area_km2_in_box": round(geom_area_km2(w), 0),
                      "source": V.src("NE;derived"), "confidence": "M", "approx": False,
                      "notes": (note + "; " if note else "") + "clip box minus NE land"}, w))
    if small.GetGeometryCount():
        seas.append(({"id": "s%02d" % (len(seas) + 1), "name": "other enclosed water (NE land gaps)",
                      "area_km2_in_box": round(geom_area_km2(small), 0), "source": V.src("NE;derived"),
                      "confidence": "L", "approx": False,
                      "notes": "%d small polygons: gaps in the NE land layer (lagoons, lakes)" % small.GetGeometryCount()},
                     small))
    sf, bad = finish_polys(seas, BASEMAP_DECIMALS)
    write_geojson(os.path.join(out, "basemap_seas.geojson"), "basemap_seas", sf, BASEMAP_DECIMALS,
                  "Water: the clip box %s minus Natural Earth land (1:10m in %s, 1:50m elsewhere); enclosed water "
                  "bodies, and the open ocean split into basins along approximate limits" % (box_text(clip),
                                                                                              box_text(inner)))
    check("basemap_seas: " + "; ".join("%s %.0f km2" % (p["name"].split(" (")[0], p["area_km2_in_box"]) for p, _ in seas))

    # ---------------------------------------------------------------- basemap_water (issue 10 #9)
    # Inland water drawn above the land and country fills: GSHHG level-2 lakes (minus their level-3 islands),
    # full resolution in the focus region and intermediate (lakes of LAKE_MIN_KM2 and more, build_geodata.sh)
    # elsewhere. GSHHG's Aral is the 1960 sea: it is marked `kind` = "former extent" (FORMER_EXTENT_LAKES).
    coarse = read_gmt(a.lakes)
    cl2 = dissolve(faces_of([s_ for s_ in coarse if s_[0] == 2]))
    cl3 = faces_of([s_ for s_ in coarse if s_[0] == 3])
    if cl3:
        cl2 = cl2.Difference(dissolve(cl3))
    outside_lakes = [p for p in polygons_of(cl2.Difference(fbox)) if poly_area_km2(p) >= 1.0]
    focus_lakes = [p for p in fb["lakes"] if poly_area_km2(p) >= F.FOCUS_LAKE_MIN_KM2]
    water_polys = [("GSHHG", p) for p in focus_lakes] + [("GSHHG", p) for p in outside_lakes]
    named = {}
    for (wid, nm, lab_, fa, x, y, src_, note) in F.LAKES:
        pt = point_geom(x, y)
        hit = [k for k, (_, p) in enumerate(water_polys) if p.Contains(pt)]
        if not hit:
            raise SystemExit("build_geodata: lake %s (%s): its point %.2f,%.2f is in no water polygon" % (wid, nm, x, y))
        named.setdefault(hit[0], []).append((wid, nm, lab_, fa, src_, note))
    wfeats = []
    for k, (origin, p) in sorted(((k, wp) for k, wp in enumerate(water_polys) if k in named),
                                 key=lambda t: named[t[0]][0][0]):
        wid, nm, lab_, fa, src_, note = named[k][0]
        wfeats.append(({"id": wid, "name": nm, "label": V.label(lab_, wid),
                        "label_fa": V.label(fa, wid + " label_fa") if fa else None,
                        "kind": "former extent" if wid in F.FORMER_EXTENT_LAKES else "lake",
                        "area_km2": round(poly_area_km2(p), 1),
                        "geometry_source": "GSHHG full" if p.Intersects(fbox) else "GSHHG intermediate",
                        "source": V.src(origin + ";" + src_), "confidence": "M", "approx": False, "notes": note},
                       multi([p])))
    for origin, what, polys in (("GSHHG", "other lakes in %s (GSHHG full, %g km2 and more)"
                                 % (box_text(focus), F.FOCUS_LAKE_MIN_KM2),
                                 [p for k, (o, p) in enumerate(water_polys) if k not in named and p.Intersects(fbox)]),
                                ("GSHHG", "other lakes elsewhere (GSHHG intermediate, about 300 km2 and more)",
                                 [p for k, (o, p) in enumerate(water_polys) if k not in named
                                  and not p.Intersects(fbox)])):
        if polys:
            wfeats.append(({"id": "w%02d" % (len(F.LAKES) + 1 + (1 if "elsewhere" in what else 0)), "name": what,
                            "label": None, "label_fa": None, "kind": "lake",
                            "area_km2": round(sum(poly_area_km2(p) for p in polys), 1),
                            "geometry_source": "GSHHG full" if "full" in what else "GSHHG intermediate",
                            "source": V.src(origin), "confidence": "M", "approx": False,
                            "notes": "%d unnamed water bodies (GSHHG level 2: lakes, reservoirs, lagoons)" % len(polys)},
                           multi(polys)))
    wf, bad = finish_polys(wfeats, BASEMAP_DECIMALS)
    write_geojson(os.path.join(out, "basemap_water.geojson"), "basemap_water", wf, BASEMAP_DECIMALS,
                  "Inland water drawn above the land: GSHHG 2.3.7 level-2 lakes, full resolution in %s and "
                  "intermediate elsewhere; named by seed points; the Aral is its 1960 extent" % box_text(focus))
    for props, _ in wf:
        if props["label"]:
            check("basemap_water %s %s: %.0f km2 (%s)" % (props["id"], props["name"], props["area_km2"],
                                                           props["geometry_source"]))
    check("basemap_water: %d features, %d polygons; %d needed re-validation after rounding"
          % (len(wf), sum(len(gj["coordinates"]) for _, gj in wf), bad))

    # ---------------------------------------------------------------- basemap_disputed (issue 10 #8)
    dfeats = []
    for d, area in disputed:
        dfeats.append(({"id": d["id"], "name": d["name"], "label": V.label(d["label"], d["id"]),
                        "label_fa": V.label(d["label_fa"], d["id"] + " label_fa"),
                        "de_jure": d["de_jure"], "administered_by": d["administered_by"], "claimants": d["claimants"],
                        "since": d["since"], "un_position": d["un_position"],
                        "area_km2": round(geom_area_km2(area), 0), "derivation": " ".join(
                            str(x) for x in d["area"][:2]) + (" (DCW %s)" % d["area"][2] if "dcw" in d["area"][0]
                                                              else ""),
                        "source": V.src(d["source"]), "confidence": V.conf(d["confidence"]),
                        "approx": flag("dcw" in d["area"][0], d["id"] + " approx"), "notes": d["notes"]}, area))
    df_, bad = finish_polys(dfeats, BASEMAP_DECIMALS)
    write_geojson(os.path.join(out, "basemap_disputed.geojson"), "basemap_disputed", df_, BASEMAP_DECIMALS,
                  "Disputed areas, drawn hatched over the countries, with every party; derived from Natural Earth and "
                  "DCW-GMT (geodata/README.md)")
    for props, _ in df_:
        check("basemap_disputed %s %s: %.0f km2; de jure %s, administered by %s" % (
            props["id"], props["label"], props["area_km2"], props["de_jure"], props["administered_by"]))

    # ---------------------------------------------------------------- basemap_sea_labels
    water_now = LandIndex(polygons_of(box_geom(clip).Difference(land_geom)))
    slf = []
    for (sid, text_, fa, x, y, src_, *more) in F.SEA_LABELS:
        points = [(x, y)] + (more[0] if more else [])
        for (px, py) in points:
            if not any(p.Contains(point_geom(px, py)) for p, _ in water_now.items):
                raise SystemExit("build_geodata: sea label %s (%s) at %.2f,%.2f is not in the sea" % (sid, text_, px, py))
        geom = ({"type": "Point", "coordinates": [x, y]} if len(points) == 1 else
                {"type": "MultiPoint", "coordinates": [[px, py] for (px, py) in points]})
        slf.append(({"id": sid, "name": text_, "label": V.label(text_, sid), "label_fa": V.label(fa, sid + " fa"),
                     "kind": "strait" if text_.startswith("Strait") else "sea", "source": V.src(src_),
                     "confidence": "H", "approx": True,
                     "notes": "label point, not a feature's centre or extent" if len(points) == 1 else
                     "label points (the name sits at the first that is free), not a feature's centre or extent"},
                    geom))
    write_geojson(os.path.join(out, "basemap_sea_labels.geojson"), "basemap_sea_labels", slf, 6,
                  "Names of seas and straits (IHO S-23), English and Persian, at label points in open water")
    check("basemap_sea_labels: %d names, every point in the sea" % len(slf))

    # The checks below (land crossings, onshore lines, islands) use the land and water inside the region of the
    # thematic layers only: all of it is 1:10m, and the measured numbers do not depend on the basemap's extent.
    region = box_geom(THEMATIC)
    land_polys = polygons_of(land_geom.Intersection(region))
    land = LandIndex(land_polys)
    water = LandIndex(polygons_of(region.Difference(land_geom)))
    # the Caspian must not be land
    for x, y in [(51.5, 42.0), (50.5, 38.5), (49.5, 45.5)]:
        hit = any(p.Contains(point_geom(x, y)) for p in land_polys)
        check("basemap: Caspian test point %.1f,%.1f on land: %s" % (x, y, hit))

    # ---------------------------------------------------------------- instc_nodes
    print("instc_nodes: §1 (+ second-pass nodes n31–n38)")
    nf = []
    for (i, nm, x, y, kind, cc, role, notes, src, conf, apx, endo) in F.NODES:
        props = {"id": i, "name": nm}
        props.update(lab(i))
        props.update(names(endo))
        props.update({"kind": kind, "country": cc, "role": role, "notes": notes or None})
        props.update(V.dates(i, F))
        props.update({"source": V.src(src), "confidence": V.conf(conf), "approx": flag(apx, i + " approx")})
        nf.append((props, {"type": "Point", "coordinates": [rnd(x, 6), rnd(y, 6)]}))
    write_geojson(os.path.join(out, "instc_nodes.geojson"), "instc_nodes", nf, 6,
                  "INSTC nodes n01-n38 (fact sheet §1; second pass: Alat, Turkmenbashi, Caspian Port, Chekhov, "
                  "Mashhad, border stations)")
    # Nodes against GSHHG full: seaports within PORT_COAST_KM of the shoreline (on land or at the quay); every other
    # node on land or within LAND_TOL_KM of it. River ports (Volga) are checked like inland nodes.
    node_dry = gshhg_dry([(n[2], n[3]) for n in F.NODES])
    for n, dry in zip(F.NODES, node_dry):
        i, nm, x, y, kind = n[:5]
        shore = gshhg_shore_km(x, y, 0.3)
        shore_txt = "%.2f km" % shore if shore is not None else "> 25 km"
        if kind == "seaport":
            ok = shore is not None and shore <= PORT_COAST_KM
            check("node %s %s (seaport): %s, %s from the GSHHG shoreline (limit %.1f km) [%s]"
                  % (i, nm, "on land" if dry else "on water", shore_txt, PORT_COAST_KM, "OK" if ok else "FAIL"))
        else:
            ok = dry or (shore is not None and shore <= LAND_TOL_KM)
            if not ok or (shore is not None and shore < 2.0):
                check("node %s %s (%s): %s, %s from the GSHHG shoreline [%s]"
                      % (i, nm, kind, "on land" if dry else "on water", shore_txt, "OK" if ok else "FAIL"))

    # ---------------------------------------------------------------- instc_routes
    print("instc_routes: §2 (lines densified along the geodesic, ≤%.0f km between vertices)" % DENSIFY_KM)
    canal = ("Suez Canal", (32.15, 29.85, 32.62, 31.30))
    bakhtemir = ("Volga/Bakhtemir channel", (47.3, 45.6, 48.2, 46.5))
    routes = []
    for r in F.ROUTES:
        routes.append(dict(r))
    # r06: trans-Caspian lanes
    r06 = []
    letter = iter("abcdefghijklmnopqrstuvwxyz")
    for ir in F.R06_IR:
        for ru in F.R06_RU:
            wps = [ir, F.R06_APP[ir]] + F.R06_MID[ir] + F.R06_RU_APP[ru] + [ru]
            tail = " (continues up the Bakhtemir to Astrakhan/Solyanka, see r06z)" if ru == "n18" else ""
            r06.append(dict(id="r06" + next(letter), route="r06",
                            name="Trans-Caspian lane %s ↔ %s%s" % (P[ir][2], P[ru][2], tail), mode="sea",
                            gauge_mm=None, status="operational", status_class=F.R06_STATUS_CLASS,
                            waypoints=wps, length_claimed_km=None, length_claimed_alt=None, length_discrepancy=None,
                            notes="ferry/ro-ro lane, schematic; Iranian Caspian ports ↔ Russian Caspian ports",
                            source="S2;S9;S10;derived", confidence="M", approx=True))
    r06.append(dict(id="r06z", route="r06", name="Volga–Caspian channel: Olya → Astrakhan → Solyanka",
                    mode="inland waterway", gauge_mm=None, status="operational",
                    status_class=F.R06_STATUS_CLASS,
                    waypoints=["n18", "n16", "n17"], length_claimed_km=None, length_claimed_alt=None,
                    length_discrepancy=None,
                    notes="river/channel section of the Astrakhan (n16/n17) lanes; drawn straight (schematic); on "
                          "land in NE 10m (rivers are not water there) - allowed exception",
                    source="S2;S10;S38", confidence="M", approx=True))
    idx = [i for i, r in enumerate(routes) if r["id"] == "r05"][0]
    routes[idx + 1:idx + 1] = r06
    rf = []
    route_len = {}
    for r in routes:
        pts = pts_of(r["waypoints"])
        dense = densify(pts)
        L = geod_len_km(pts)
        route_len[r["id"]] = L
        legend = F.LEGEND_ROUTES.get(r["id"]) or F.LEGEND_ROUTES.get(r["route"])
        if not legend:
            raise SystemExit("build_geodata: no legend name for route %s (LEGEND_ROUTES in facts.py)" % r["id"])
        props = {"id": r["id"], "route": r["route"], "name": r["name"], **lab(r["id"]), "legend": legend,
                 "mode": r["mode"], "gauge_mm": r["gauge_mm"],
                 "status": r["status"], "status_class": V.status_class(r["status_class"], F.STATUS_CLASSES),
                 "missing_link": flag(r.get("missing_link", False), r["id"] + " missing_link"),
                 **V.dates(r["id"], F),
                 "length_claimed_km": r["length_claimed_km"], "length_claimed_alt": r["length_claimed_alt"],
                 "length_computed_km": round(L, 1), "length_discrepancy": r["length_discrepancy"],
                 "via": via_of(r["waypoints"]), "notes": r["notes"],
                 "source": V.src(r["source"]), "confidence": V.conf(r["confidence"]),
                 "approx": flag(r["approx"], r["id"] + " approx")}
        rf.append((props, {"type": "LineString", "coordinates": [[rnd(x, 6), rnd(y, 6)] for x, y in dense]}))
        what = "instc_routes %s (%s)" % (r["id"], r["name"][:60])
        if r["mode"] in ("sea",):
            exc = [canal] if r["id"] == "r09" else []
            lane_report(what, dense, land, exc)
            if r["id"] != "r09":   # r09 leaves the thematic focus; its NE check above covers it
                sea_lane_check(what, dense, allow=[bakhtemir])
        elif r["mode"] == "rail":
            onshore_report(what, dense, water)
            land_route_check(what, dense, RAIL_BRIDGES)
        elif r["mode"] == "inland waterway":
            lane_report(what, dense, land, [bakhtemir])
    write_geojson(os.path.join(out, "instc_routes.geojson"), "instc_routes", rf, 6,
                  "INSTC routes r01-r10 (fact sheet §2; second pass: r08 on the real rail path, Caspian lanes r10); "
                  "split where status changes; r06 lanes per port pair")
    for r in routes:
        length_check("%s" % r["id"], route_len[r["id"]], r["length_claimed_km"], 0.10, r["length_discrepancy"],
                     r["length_claimed_alt"])
    # r08 crossed Kazakhstan and Turkmenistan only: no Uzbek territory (issue 10, item 4)
    uzb = dissolve([p for c in countries if F.ISO_N3_TO_A3.get(c[0]) == "UZB" for p in polygons_of(c[3])])
    for r in routes:
        if r["route"] == "r08":
            inside = sum(geod_len_km(ln_pts) for ln_pts in
                         [[(g.GetX(k), g.GetY(k)) for k in range(g.GetPointCount())]
                          for g in lines_of(line_geom(densify(pts_of(r["waypoints"]))).Intersection(uzb))])
            check("%s crosses Uzbekistan (NE polygon) for %.1f km [%s]" % (r["id"], inside,
                                                                           "OK" if inside == 0 else "FAIL"))
    west = ["r01", "r02", "r03a", "r03b", "r03c", "r04", "r05"]
    gap = geod_len_km(pts_of(["n03", "n04"]))
    tot = sum(route_len[k] for k in west)
    check("Mumbai (JNPT) → St Petersburg via the western branch (%s): %.0f km, plus %.0f km Shahid Rajaee–Bandar "
          "Abbas not drawn = %.0f km; claimed about 7,200 km" % ("+".join(west), tot, gap, tot + gap))
    check("Suez route r09 (JNPT → St Petersburg): %.0f km; claimed about 16,000 km" % route_len["r09"])
    canal_km = geod_len_km(pts_of(["suez", "canal_bitter", "canal_ismailia", "canal_qantara", "portsaid"]))
    check("Suez Canal section (Suez → Port Said as drawn): %.1f km; published canal length 193.3 km" % canal_km)

    # ---------------------------------------------------------------- railway_stations
    print("railway_stations: §3, §4")
    stf = []
    for (k, nm, x, y, line, order, confd, basis, src, conf, apx, fa) in F.STATIONS:
        stf.append(({"id": k, "name": nm, **lab(k), "name_fa": fa, "names_basis": "endonym added by the data engineer "
                     "(not in the fact sheet)", "line": line, "order": order,
                     "confirmed": flag(confd, k + " confirmed"), "basis": basis, **V.dates(k, F),
                     "source": V.src(src), "confidence": V.conf(conf), "approx": flag(apx, k + " approx")},
                    {"type": "Point", "coordinates": [rnd(x, 6), rnd(y, 6)]}))
    write_geojson(os.path.join(out, "railway_stations.geojson"), "railway_stations", stf, 6,
                  "Qazvin–Rasht stations (§4) and Rasht–Astara stations/routing towns (§3); confirmed=false for "
                  "APPROX routing towns not named as stations by MRUD")
    for st, dry in zip(F.STATIONS, gshhg_dry([(t[2], t[3]) for t in F.STATIONS])):
        shore = gshhg_shore_km(st[2], st[3], 0.3)
        ok = dry or (shore is not None and shore <= LAND_TOL_KM)
        if not ok or (shore is not None and shore < 2.0):
            check("station %s %s: %s, %s from the GSHHG shoreline [%s]" % (
                st[0], st[1], "on land" if dry else "on water",
                "%.2f km" % shore if shore is not None else "> 25 km", "OK" if ok else "FAIL"))

    # ---------------------------------------------------------------- railways
    print("railways: §3, §4, r04, Chabahar–Zahedan")
    rwf = []
    for r in F.RAILWAYS:
        pts = pts_of(r["waypoints"])
        L = geod_len_km(pts)
        legend = F.LEGEND_RAILWAYS.get(r["status_class"])
        if not legend:
            raise SystemExit("build_geodata: no legend name for railway %s (LEGEND_RAILWAYS)" % r["id"])
        rwf.append(({"id": r["id"], "name": r["name"], **lab(r["id"]), "legend": legend, "status": r["status"],
                     "status_class": V.status_class(r["status_class"], F.STATUS_CLASSES), "gauge_mm": r["gauge_mm"],
                     **V.dates(r["id"], F), "length_claimed_km": r["length_claimed_km"],
                     "length_claimed_alt": r["length_claimed_alt"], "length_computed_km": round(L, 1),
                     "length_tolerance_pct": round(r["length_tolerance"] * 100),
                     "length_discrepancy": r["length_discrepancy"],
                     "financing": r["financing"], "agreement": r["agreement"], "via": via_of(r["waypoints"]),
                     "notes": r["notes"], "source": V.src(r["source"]), "confidence": V.conf(r["confidence"]),
                     "approx": flag(r["approx"], r["id"] + " approx")},
                    {"type": "LineString", "coordinates": [[rnd(x, 6), rnd(y, 6)] for x, y in densify(pts)]}))
        onshore_report("railways %s (%s)" % (r["id"], r["name"]), densify(pts), water)
        land_route_check("railways %s (%s)" % (r["id"], r["name"]), densify(pts), RAIL_BRIDGES)
        length_check("%s %s" % (r["id"], r["name"]), L, r["length_claimed_km"], r["length_tolerance"],
                     r["length_discrepancy"], r["length_claimed_alt"])
    write_geojson(os.path.join(out, "railways.geojson"), "railways", rwf, 6,
                  "Railways of the western INSTC branch in Iran and Azerbaijan (fact sheet §3, §4, §2 r04) and the "
                  "Chabahar–Zahedan line")

    # ---------------------------------------------------------------- islands (GSHHG)
    print("islands: GSHHG full-resolution shoreline (gmt coast), segments stitched into rings")
    segs, cur = [], None
    with open(a.gshhg) as fh:
        for line in fh:
            if line.startswith(">"):
                cur = []
                segs.append(cur)
            elif line.strip():
                x, y = map(float, line.split()[:2])
                cur.append((x, y))
    segs = [s for s in segs if len(s) >= 2]
    rings = []
    open_ = []
    for s in segs:
        (rings if s[0] == s[-1] else open_).append(list(s))
    # stitch open segments that share end points
    while open_:
        cur = open_.pop(0)
        changed = True
        while cur[0] != cur[-1] and changed:
            changed = False
            for i, s in enumerate(open_):
                if s[0] == cur[-1]:
                    cur += s[1:]
                elif s[-1] == cur[-1]:
                    cur += list(reversed(s))[1:]
                elif s[-1] == cur[0]:
                    cur = s[:-1] + cur
                elif s[0] == cur[0]:
                    cur = list(reversed(s))[:-1] + cur
                else:
                    continue
                open_.pop(i)
                changed = True
                break
        if cur[0] != cur[-1]:
            raise SystemExit("build_geodata: GSHHG segment could not be closed near %s" % (cur[0],))
        rings.append(cur)
    check("islands: %d GSHHG segments -> %d closed rings" % (len(segs), len(rings)))
    ring_polys = []
    for rg in rings:
        lr = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in rg:
            lr.AddPoint_2D(x, y)
        pg = ogr.Geometry(ogr.wkbPolygon)
        pg.AddGeometry(lr)
        if not pg.IsValid():
            pg = polygons_of(pg.MakeValid())[0]
        ring_polys.append(pg)
    isf = []
    for (iid, nm, fa, ar, fa_l, ar_l, cx, cy, apub, aalt, emirate, desc, src, conf) in F.ISLANDS:
        c = point_geom(cx, cy)
        # the published centroids are 1-arc-minute values: take the largest ring within 0.05° (about 5 km)
        near = [i for i, pg in enumerate(ring_polys) if pg.Distance(c) < 0.05]
        if not near:
            raise SystemExit("build_geodata: no GSHHG ring near %s" % nm)
        main_i = [max(near, key=lambda i: geom_area_km2(ring_polys[i]))]
        mainp = ring_polys[main_i[0]]
        islets = [i for i, pg in enumerate(ring_polys) if i != main_i[0] and pg.Distance(mainp) < 0.005]
        mp = ogr.Geometry(ogr.wkbMultiPolygon)
        mp.AddGeometry(mainp)
        for i in islets:
            mp.AddGeometry(ring_polys[i])
        a_main = poly_area_km2(mainp)
        a_all = geom_area_km2(mp)
        cen = mainp.Centroid()
        notes = desc
        if islets:
            notes += ("; outline includes %d GSHHG islet(s) within 0.5 km of the main island (%.2f km2 together)"
                      % (len(islets), a_all - a_main))
        props = {"id": iid, "name": nm, **lab(iid), "name_fa": fa, "name_ar": ar, "name_fa_latn": fa_l, "name_ar_latn": ar_l,
                 "names_basis": "Latin forms from the fact sheet; Persian/Arabic script added by the data engineer",
                 "administered_by": "IRN", "administered_note": F.ISLAND_ADMIN_NOTE[iid],
                 "claimed_by": "ARE", "claimed_by_emirate": emirate,
                 "area_km2_published": apub, "area_km2_published_alt": aalt,
                 "area_km2_computed": round(a_all, 2), "area_km2_computed_main": round(a_main, 2),
                 "centroid_published": "%.4f, %.4f" % (cx, cy) + (
                     " (audit of issue 10; agrees with GSHHG)" if iid in F.ISLAND_CENTROID_ALT
                     else " (WP infobox, ±1 arc-minute)"),
                 "centroid_published_alt": F.ISLAND_CENTROID_ALT.get(iid),
                 "centroid_computed": "%.4f, %.4f" % (cen.GetX(), cen.GetY()),
                 "events": F.ISLAND_EVENTS[iid], **V.dates(iid, F), "notes": notes,
                 "source": V.src(src + ";" + F.ISLAND_EVENT_SOURCES + ";GSHHG"), "confidence": V.conf(conf),
                 "approx": False}
        isf.append((props, coords_of(mp, 6)))
        off = GEOD.inv(cx, cy, cen.GetX(), cen.GetY())[2] / 1000.0
        check("island %s: GSHHG area %.2f km2 (main ring %.2f km2, %d islet(s)) vs published %s km2; computed "
              "centroid %.4f,%.4f is %.2f km from the published centroid" % (nm, a_all, a_main, len(islets), apub,
                                                                            cen.GetX(), cen.GetY(), off))
        # NE coverage check
        hit = any(p.Intersects(mainp) for p in land_polys)
        check("island %s present in Natural Earth 10m land: %s" % (nm, hit))
    write_geojson(os.path.join(out, "islands.geojson"), "islands", isf, 6,
                  "Abu Musa, Greater Tunb, Lesser Tunb: GSHHG 2.3.7 full-resolution shorelines; administered by "
                  "Iran, claimed by the UAE (fact sheet §5)")

    # ---------------------------------------------------------------- energy
    print("energy_fields, energy_pipelines: §6 (+ Nord Stream 2 and the 2022 rupture sites)")
    ef = []
    for d in F.FIELDS:
        ef.append(({"id": d["id"], "name": d["name"], **lab(d["id"]), "name_fa": d["name_fa"],
                    "names_basis": "endonym added by the data engineer (not in the fact sheet)" if d["name_fa"]
                    else None, "kind": d["kind"],
                    "countries": d["countries"], "discovered": d["discovered"], "producing_since": d["producing_since"],
                    "reserves": d["reserves"], "area_km2": d["area_km2"], **V.dates(d["id"], F), "notes": d["notes"],
                    "source": V.src(d["source"]), "confidence": V.conf(d["confidence"]),
                    "approx": flag(d["approx"], d["id"] + " approx")},
                   {"type": "Point", "coordinates": [rnd(d["lon"], 6), rnd(d["lat"], 6)]}))
    write_geojson(os.path.join(out, "energy_fields.geojson"), "energy_fields", ef, 6,
                  "Gas fields, the Asaluyeh hub (fact sheet §6a) and the Sept 2022 Nord Stream rupture sites")
    # offshore fields and rupture sites lie at sea; North Pars 10–20 km off the coast (issue 10, item 2)
    for d, dry in zip(F.FIELDS, gshhg_dry([(d["lon"], d["lat"]) for d in F.FIELDS])):
        shore = gshhg_shore_km(d["lon"], d["lat"], 0.3)
        if d["id"] == "f03":
            ok = (not dry) and shore is not None and 10.0 <= shore <= 20.0
            check("North Pars (f03) lies %s, %s from the GSHHG coast (expected at sea, 10–20 km) [%s]"
                  % ("on land" if dry else "at sea", "%.1f km" % shore if shore is not None else "> 25 km",
                     "OK" if ok else "FAIL"))
        elif d["kind"] == "pipeline rupture":
            check("%s %s: %s [%s]" % (d["id"], d["name"], "on land" if dry else "at sea", "FAIL" if dry else "OK"))
    pf = []
    for d in F.PIPELINES:
        pts = pts_of(d["waypoints"])
        dense = densify(pts)
        L = geod_len_km(pts)
        legend = F.LEGEND_PIPELINES.get(d["status_class"])
        if not legend:
            raise SystemExit("build_geodata: no legend name for pipeline %s (LEGEND_PIPELINES)" % d["id"])
        pf.append(({"id": d["id"], "name": d["name"], **lab(d["id"]), "legend": legend, "status": d["status"],
                    "status_class": V.status_class(d["status_class"], F.STATUS_CLASSES), "capacity": d["capacity"],
                    "diameter": d["diameter"], **V.dates(d["id"], F), "length_claimed_km": d["length_claimed_km"],
                    "length_claimed_alt": d["length_claimed_alt"], "length_computed_km": round(L, 1),
                    "length_discrepancy": d["length_discrepancy"], "section_claims": d["section_claims"],
                    "dates_note": d["dates"], "offshore": flag(d["offshore"], d["id"] + " offshore"),
                    "via": via_of(d["waypoints"]), "notes": d["notes"],
                    "source": V.src(d["source"]), "confidence": V.conf(d["confidence"]),
                    "approx": flag(d["approx"], d["id"] + " approx")},
                   {"type": "LineString", "coordinates": [[rnd(x, 6), rnd(y, 6)] for x, y in dense]}))
        length_check("%s %s" % (d["id"], d["name"]), L, d["length_claimed_km"], 0.10, d["length_discrepancy"],
                     d["length_claimed_alt"])
        what = "energy_pipelines %s (%s)" % (d["id"], d["name"][:60])
        if not d["offshore"]:
            onshore_report(what, dense, water)
            land_route_check(what, dense, RAIL_BRIDGES)
        else:
            # landfall sections at both ends are onshore by design: report them separately
            lane_report(what + " offshore part", dense, land,
                        [("Portovaya landfall (onshore start)", (27.95, 60.45, 28.15, 60.60)),
                         ("Narva Bay landfall (onshore start)", (27.90, 59.60, 28.10, 59.75)),
                         ("Lubmin landfall (onshore end)", (13.55, 54.1, 13.7, 54.17))])
            sea_lane_check(what, dense, end_km=5.0)   # landfalls: the compressor stations stand inland
    # p01: the published 680 km is only Mozdok–Makhachkala–Kazi Magomed (issue 10, item 18)
    p01 = next(d for d in F.PIPELINES if d["id"] == "p01")
    k = p01["waypoints"].index("hajigabul")
    length_check("p01 section Mozdok → Kazi Magomed (Hajigabul)", geod_len_km(pts_of(p01["waypoints"][:k + 1])),
                 680, 0.10, None)
    write_geojson(os.path.join(out, "energy_pipelines.geojson"), "energy_pipelines", pf, 6,
                  "Gas pipelines (fact sheet §6b): Russia → Iran, IGAT-1 (+ Tehran spur), IGAT-7, the IP pipeline "
                  "(built in Iran, unbuilt in Pakistan), Nord Stream 1 and 2")

    undated = sorted(set(F.DATES) - V.dated)
    if undated:
        raise SystemExit("build_geodata: DATES has entries for no feature: %s" % ", ".join(undated))
    unused = sorted(set(F.LABELS) - used_labels)
    if unused:
        raise SystemExit("build_geodata: LABELS has entries for no feature: %s" % ", ".join(unused))

    check("source ids used: " + ", ".join(sorted(V.used, key=lambda s: (not s.startswith("S"), len(s), s))))
    with open(os.path.join(out, "CHECKS.md"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("# Geodata build checks (generated by scripts/build_geodata.sh; do not edit)\n\n")
        for c in CHECKS:
            fh.write("- " + c + "\n")
    for stem in FLATGEOBUF_LAYERS:
        to_flatgeobuf(out, stem)
    update_readme(os.path.join(out, "README.md"), out, clip, inner, focus)
    fails = [c for c in CHECKS if "[FAIL]" in c]
    if fails:
        print("build_geodata: %d check(s) failed (land crossings, land routes off land, ports off the coast, "
              "lengths off without an explained discrepancy, …; see CHECKS.md):" % len(fails))
        for c in fails:
            print("  " + c)
        sys.exit(2)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Read world-atlas TopoJSON (Natural Earth 1:10m or 1:50m) and write a GPKG whose polygon rings are unwrapped across
the antimeridian. world-atlas stores rings that cross ±180° with a 360° jump (made for d3's spherical
rendering): Russia's main polygon and the Afro-Eurasian land polygon then become planar rings slicing across
the whole map between about 65°N and 69°N, and MakeValid turns that into wrong land/water bands (northern
Scandinavia and Kola would become "water", Iceland "Russia"). Unwrapping keeps each ring continuous
(longitudes beyond 180° are allowed); the later clip to at most 180°E removes them.
Usage: unwrap_topojson.py countries-10m.json land-10m.json out.gpkg
"""
import sys
from osgeo import ogr, osr, gdal

gdal.UseExceptions()
ogr.UseExceptions()


def unwrap_ring(r):
    n = r.GetPointCount()
    xs = [r.GetX(i) for i in range(n)]
    ys = [r.GetY(i) for i in range(n)]
    off, out = 0.0, []
    for i, x in enumerate(xs):
        if i:
            dx = x - xs[i - 1]
            if dx > 180:
                off -= 360
            elif dx < -180:
                off += 360
        out.append(x + off)
    ys = list(ys)
    if abs(out[-1] - out[0]) > 1e-9:
        # odd number of crossings: the ring goes round a pole (Antarctica); close it over that pole
        pole = -90.0 if sum(ys) / len(ys) < 0 else 90.0
        out += [out[-1], out[0], out[0]]
        ys += [pole, pole, ys[0]]
    while min(out) < -180:
        out = [x + 360 for x in out]
    nr = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in zip(out, ys):
        nr.AddPoint_2D(x, y)
    return nr, (max(out) > 180 or off != 0)


def unwrap(g):
    t = ogr.GT_Flatten(g.GetGeometryType())
    polys = [g] if t == ogr.wkbPolygon else [g.GetGeometryRef(i) for i in range(g.GetGeometryCount())]
    mp = ogr.Geometry(ogr.wkbMultiPolygon)
    crossed = 0
    for p in polys:
        np_ = ogr.Geometry(ogr.wkbPolygon)
        for i in range(p.GetGeometryCount()):
            r, c = unwrap_ring(p.GetGeometryRef(i))
            crossed += c
            np_.AddGeometry(r)
        mp.AddGeometry(np_)
    return mp, crossed


def main():
    countries, land, out = sys.argv[1:4]
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(out)
    for path, lname in ((countries, "countries"), (land, "land")):
        src = ogr.Open(path)
        sl = src.GetLayerByName(lname)
        dl = ds.CreateLayer(lname, srs, ogr.wkbMultiPolygon)
        dl.CreateField(ogr.FieldDefn("id", ogr.OFTString))
        dl.CreateField(ogr.FieldDefn("name", ogr.OFTString))
        fixed = []
        for f in sl:
            g = f.GetGeometryRef()
            nf = ogr.Feature(dl.GetLayerDefn())
            if lname == "countries":
                nf.SetField("id", f.GetField("id"))
                nf.SetField("name", f.GetField("name"))
            if g is not None and not g.IsEmpty():
                ng, c = unwrap(g)
                if c:
                    fixed.append(f.GetField("name") if lname == "countries" else "land")
                nf.SetGeometry(ng)
            dl.CreateFeature(nf)
        print("  unwrapped antimeridian-crossing rings in %s: %s" % (lname, ", ".join(fixed) or "none"))
    ds = None


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Mapnik's half of the furniture benchmark (tests/bench/run_mapnik_furniture.sh): the bundled map (every layer of
geodata/ its style sheet lists, in the sheet's order) drawn with Debian's python3-mapnik (AGG renderer) the way
`corridor export` draws it with a title and no other furniture: the sheet's CRS-free view box ([map] view) projected
to the corridor's Lambert conic (densified edges, as Corridor frames it), the sheet's background, fills, strokes,
dashes, casings, markers and labels, and the title as a text symbolizer at the top left.

Mapnik has no legend, scale bar, north arrow, sources line or inset map: those Corridor items have no counterpart here.
The look is the sheet's, approximated where Mapnik works otherwise: Corridor's rules are patches applied in order
(a feature takes every rule it matches), Mapnik draws the first rule that matches, so each feature is drawn with the
layer's look patched by the last sheet rule it matches; hatching is drawn as the plain fill; every marker shape is a
circle. The same features are read (through GDAL, the 'ogr' plugin), projected, drawn and labelled.

Usage: mapnik_bundled.py --geodata DIR --size WxH --title TEXT --out PNG
"""
import argparse
import math
import os
import sys
import tomllib
from xml.sax.saxutils import escape, quoteattr

import mapnik
from osgeo import ogr, osr

CORRIDOR_LCC = "+proj=lcc +lat_1=25 +lat_2=55 +lat_0=40 +lon_0=55 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"
ZOOM0_METRES_PER_PIXEL = 156543.03392804097


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--geodata", required=True, help="the bundled data folder (style.toml and the layers' files)")
    p.add_argument("--size", required=True, help="WIDTHxHEIGHT in pixels")
    p.add_argument("--title", default="", help="the map's title, drawn at the top left")
    p.add_argument("--out", required=True, help="PNG file to write")
    a = p.parse_args()
    try:
        w, h = (int(v) for v in a.size.lower().split("x"))
    except ValueError:
        p.error("--size needs WIDTHxHEIGHT")
    if w <= 0 or h <= 0:
        p.error("--size needs positive sides")
    return a, w, h


def colour(text, opacity=1.0):
    """'#rrggbb' or '#rrggbbaa' (times `opacity`) as Mapnik's rgba()."""
    t = text.lstrip("#")
    r, g, b = (int(t[i:i + 2], 16) for i in (0, 2, 4))
    a = (int(t[6:8], 16) / 255.0 if len(t) == 8 else 1.0) * opacity
    return f"rgba({r},{g},{b},{a:.3f})"


def condition(when):
    """A sheet rule's `when` table as a Mapnik filter expression."""
    terms = []
    for field, values in when.items():
        values = values if isinstance(values, list) else [values]
        alternatives = []
        for v in values:
            if isinstance(v, bool):
                alternatives.append(f"[{field}] = {'true' if v else 'false'}")
            elif isinstance(v, (int, float)):
                alternatives.append(f"[{field}] = {v}")
            else:
                alternatives.append(f"[{field}] = '{v}'")
        terms.append("(" + " or ".join(alternatives) + ")")
    return " and ".join(terms)


def symbolizers(look, geometry):
    """Mapnik symbolizers (XML) for one resolved look of a layer whose features are `geometry`."""
    out = []
    if look.get("visible", True) is False:
        return out
    if geometry == "polygon":
        fill_opacity = look.get("fill-opacity", 0.0 if "fill" not in look else 1.0)
        if fill_opacity > 0.0:
            out.append(f'<PolygonSymbolizer fill="{colour(look.get("fill", "#cccccc"), fill_opacity)}"/>')
    if geometry in ("polygon", "line"):
        casing = look.get("casing-width", 0.0)
        if casing > 0.0 and "casing" in look:
            out.append(f'<LineSymbolizer stroke="{colour(look["casing"])}" stroke-width="{casing}" '
                       f'stroke-linejoin="round" stroke-linecap="round"/>')
        width = look.get("stroke-width", 1.0)
        if width > 0.0 and ("stroke" in look or geometry == "line"):
            dash = look.get("dash", [])
            dasharray = f' stroke-dasharray="{",".join(str(d) for d in dash)}"' if dash else ""
            out.append(f'<LineSymbolizer stroke="{colour(look.get("stroke", "#333333"), look.get("stroke-opacity", 1.0))}" '
                       f'stroke-width="{width}" stroke-linejoin="round" stroke-linecap="round"{dasharray}/>')
    if geometry == "point":
        size = look.get("marker-size", 7.0)
        if size > 0.0:
            out.append(f'<MarkersSymbolizer marker-type="ellipse" width="{size}" height="{size}" '
                       f'fill="{colour(look.get("marker-color", "#1a1a1a"))}" '
                       f'stroke="{colour(look.get("marker-outline", "#ffffff"))}" stroke-width="1" '
                       f'allow-overlap="true"/>')
    field = look.get("label", "")
    if field:
        placement = "line" if geometry == "line" else ("interior" if geometry == "polygon" else "point")
        offset = ' dy="-8"' if geometry == "point" else ""
        halo = look.get("label-halo", "#ffffffd9")
        out.append(f'<TextSymbolizer face-name="DejaVu Sans Book" size="{look.get("label-size", 13)}" '
                   f'fill="{colour(look.get("label-color", "#1a1a1a"))}" halo-fill="{colour(halo)}" halo-radius="1.5" '
                   f'placement="{placement}"{offset}>[{field}]</TextSymbolizer>')
    return out


def geometry_of(path):
    ds = ogr.Open(path)
    layer = ds.GetLayer(0)
    kind = ogr.GT_Flatten(layer.GetGeomType())
    if kind == ogr.wkbUnknown:  # GeoJSON: the first feature's
        for f in layer:
            if f.GetGeometryRef() is not None:
                kind = ogr.GT_Flatten(f.GetGeometryRef().GetGeometryType())
                break
    if kind in (ogr.wkbPolygon, ogr.wkbMultiPolygon):
        return "polygon"
    if kind in (ogr.wkbLineString, ogr.wkbMultiLineString):
        return "line"
    return "point"


def projected_view(view, width, height):
    """The sheet's lon/lat view in the conic, its edges densified (32 steps each, as Corridor's projectBox), grown to
    the image's aspect ratio around its centre (as Corridor's camera fit)."""
    west, south, east, north = view
    ring = []
    for i in range(33):
        t = i / 32.0
        x, y = west + (east - west) * t, south + (north - south) * t
        ring += [(x, south), (x, north), (west, y), (east, y)]
    src = osr.SpatialReference()
    src.ImportFromEPSG(4326)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromProj4(CORRIDOR_LCC)
    to_view = osr.CoordinateTransformation(src, dst)
    points = [to_view.TransformPoint(x, y)[:2] for x, y in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    units_per_pixel = max((max(xs) - min(xs)) / width, (max(ys) - min(ys)) / height)
    cx, cy = (max(xs) + min(xs)) / 2.0, (max(ys) + min(ys)) / 2.0
    half_w, half_h = units_per_pixel * width / 2.0, units_per_pixel * height / 2.0
    return (cx - half_w, cy - half_h, cx + half_w, cy + half_h), units_per_pixel


def main():
    a, width, height = parse_args()
    with open(os.path.join(a.geodata, "style.toml"), "rb") as f:
        sheet = tomllib.load(f)
    box, units_per_pixel = projected_view(sheet["map"]["view"], width, height)
    zoom = math.log2(ZOOM0_METRES_PER_PIXEL / units_per_pixel)

    styles, layers = [], []
    for name in sheet["map"]["order"]:
        look = sheet.get("layer", {}).get(name, {})
        files = [f for f in os.listdir(a.geodata) if os.path.splitext(f)[0] == name]
        if not files or look.get("visible", True) is False or zoom < look.get("min-zoom", -1.0):
            continue
        path = os.path.abspath(os.path.join(a.geodata, files[0]))
        geometry = geometry_of(path)
        base = {k: v for k, v in look.items() if k != "rule"}
        rules = []
        for rule in reversed(look.get("rule", [])):  # the last matching sheet rule wins
            if any(field.startswith("@") for field in rule["when"]):
                continue  # "@as-of" and the like: computed by Corridor, matching nothing without --as-of
            patched = dict(base)
            patched.update({k: v for k, v in rule.items() if k != "when"})
            rules.append("<Rule><Filter>" + escape(condition(rule["when"])) + "</Filter>" +
                         "".join(symbolizers(patched, geometry)) + "</Rule>")
        rules.append("<Rule><ElseFilter/>" + "".join(symbolizers(base, geometry)) + "</Rule>")
        styles.append(f'<Style name="{name}" filter-mode="first">{"".join(rules)}</Style>')
        layers.append(f'<Layer name="{name}" srs="epsg:4326"><StyleName>{name}</StyleName><Datasource>'
                      f'<Parameter name="type">ogr</Parameter><Parameter name="file">{escape(path)}</Parameter>'
                      f'<Parameter name="layer_by_index">0</Parameter></Datasource></Layer>')

    if a.title:
        # A point at the top left, 20 px in, the text hanging right of it: Corridor's title block, without its panel.
        x = box[0] + 20.0 * units_per_pixel
        y = box[3] - 34.0 * units_per_pixel
        inline = "x,y,title\n" + f'{x},{y},"{a.title.replace(chr(34), chr(34) * 2)}"\n'
        styles.append('<Style name="title"><Rule><TextSymbolizer face-name="DejaVu Sans Bold" size="22" '
                      'fill="#222222" halo-fill="rgba(255,255,255,0.86)" halo-radius="2" placement="point" '
                      'horizontal-alignment="right" allow-overlap="true">[title]</TextSymbolizer></Rule></Style>')
        layers.append(f'<Layer name="title" srs={quoteattr(CORRIDOR_LCC)}><StyleName>title</StyleName><Datasource>'
                      f'<Parameter name="type">csv</Parameter><Parameter name="inline">{escape(inline)}</Parameter>'
                      f'</Datasource></Layer>')

    background = sheet["map"].get("background", "#ffffff")
    xml = (f'<Map srs={quoteattr(CORRIDOR_LCC)} background-color="{colour(background)}">' + "".join(styles) +
           "".join(layers) + "</Map>")
    m = mapnik.Map(width, height)
    mapnik.load_map_from_string(m, xml, True, a.geodata)
    m.zoom_to_box(mapnik.Box2d(*box))
    mapnik.render_to_file(m, a.out, "png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

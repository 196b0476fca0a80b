"""Make ``data/countries110.json.gz`` from Natural Earth's 1:110m admin-0 countries.

A development tool, not used at run time: ``python -m briefing.geo._build SHAPEFILE``
reads the shapefile (``pip install pyshp``; the 110m countries ship with Natural Earth,
public domain, e.g. as ``naturalearth_lowres.shp`` in geopandas 0.14's wheel) and writes
each country's name, ISO alpha-3 code and outer rings, coordinates in hundredths of a
degree (about 1 km: finer than a terminal cell at any zoom the map offers).
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

# Natural Earth leaves a few codes out (-99) where sovereignty is disputed or split.
FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYN", "Somaliland": "SOL"}


def build(shapefile: str, out: Path) -> None:
    import shapefile as shp  # pyshp

    countries = []
    for rec in shp.Reader(shapefile).shapeRecords():
        name, iso = rec.record["name"], rec.record["iso_a3"]
        iso = FIXES.get(name, iso)
        pts, parts = rec.shape.points, [*rec.shape.parts, len(rec.shape.points)]
        rings = []
        for a, b in zip(parts, parts[1:], strict=False):
            ring = [[round(x * 100), round(y * 100)] for x, y in pts[a:b]]
            rings.append([v for pair in ring for v in pair])
        countries.append({"name": name, "iso": iso, "rings": rings})
    text = json.dumps({"source": "Natural Earth 1:110m admin-0 countries (public domain)",
                       "scale": 100, "countries": countries}, separators=(",", ":"))  # fmt: skip
    out.write_bytes(gzip.compress(text.encode(), mtime=0))


if __name__ == "__main__":
    build(sys.argv[1], Path(__file__).with_name("data") / "countries110.json.gz")

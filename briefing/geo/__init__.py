"""Maps without a network: country outlines drawn in braille dots, events as markers.

Pure Python, no Textual: the app's map screen and the markdown brief's SVG map draw
through it. The outlines are Natural Earth's 1:110m admin-0 countries (public domain),
shipped compressed in ``data/countries110.json.gz`` (``_build.py`` makes it).

A ``View`` is a centre and a scale (braille dots per degree of longitude); ``draw`` makes
a ``Picture`` of a ``cols`` × ``rows`` terminal area: one braille character per cell for
the land's outlines, and the markers, one per cell that holds any place with events,
summed. It touches only the countries in view and each place once, so it takes the same
few milliseconds whatever the number of events (they are counted per place in SQL).
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "countries110.json.gz"
# bits of a braille character by dot row (0-3) and column (0-1)
_DOTS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
MIN_SCALE, MAX_SCALE = 0.5, 512.0  # dots per degree: the world at 80 columns .. a town


@dataclass(slots=True, frozen=True)
class Country:
    name: str
    iso: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) points
    bbox: tuple[float, float, float, float]  # west, south, east, north


@cache
def countries() -> tuple[Country, ...]:
    """Every country of the outlines, read once."""
    data = json.loads(gzip.decompress(DATA.read_bytes()))
    k = data["scale"]
    out = []
    for c in data["countries"]:
        rings = tuple(
            tuple((flat[i] / k, flat[i + 1] / k) for i in range(0, len(flat), 2))
            for flat in c["rings"]
        )
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        out.append(
            Country(c["name"], c["iso"], rings, (min(lons), min(lats), max(lons), max(lats)))
        )
    return tuple(out)


def country(iso: str | None) -> Country | None:
    """The country with ISO alpha-3 code ``iso``, if the outlines have it."""
    return next((c for c in countries() if iso and c.iso == iso.upper()), None)


@dataclass(slots=True, frozen=True)
class Place:
    """A place with events, as the map counts it."""

    id: str
    name: str
    lat: float
    lon: float
    events: int
    killed: int = 0
    wounded: int = 0
    country: str | None = None


@dataclass(slots=True, frozen=True)
class View:
    """What the map shows: its centre and scale (braille dots per degree of longitude)."""

    lon: float = 0.0
    lat: float = 20.0
    scale: float = 1.0

    def zoomed(self, factor: float) -> View:
        return replace(self, scale=min(MAX_SCALE, max(MIN_SCALE, self.scale * factor)))

    def panned(self, dx: float, dy: float, cols: int, rows: int) -> View:
        """Moved by fractions of the area's width and height (positive: east, north)."""
        width_deg = cols * 2 / self.scale / self._squash()
        height_deg = rows * 4 / self.scale
        lat = max(-85.0, min(85.0, self.lat + dy * height_deg))
        lon = (self.lon + dx * width_deg + 180.0) % 360.0 - 180.0
        return replace(self, lon=lon, lat=lat)

    def _squash(self) -> float:
        """How much narrower a degree of longitude is than one of latitude here."""
        return max(0.2, math.cos(math.radians(self.lat)))

    def project(self, lon: float, lat: float, cols: int, rows: int) -> tuple[float, float]:
        """The dot (x, y) of a point, from the area's top left corner."""
        k = self.scale
        return (
            cols + (lon - self.lon) * k * self._squash(),
            rows * 2 + (self.lat - lat) * k,
        )

    def unproject(self, x: float, y: float, cols: int, rows: int) -> tuple[float, float]:
        k = self.scale
        return (self.lon + (x - cols) / (k * self._squash()), self.lat - (y - rows * 2) / k)


def fit(bbox: tuple[float, float, float, float], cols: int, rows: int, margin: float = 0.1) -> View:
    """The view that shows the box (west, south, east, north) whole, a margin around it."""
    west, south, east, north = bbox
    lat = (south + north) / 2
    lon = (west + east) / 2
    squash = max(0.2, math.cos(math.radians(lat)))
    span_lon = max(east - west, 0.5) * (1 + 2 * margin)
    span_lat = max(north - south, 0.5) * (1 + 2 * margin)
    scale = min(cols * 2 / (span_lon * squash), rows * 4 / span_lat)
    return View(lon=lon, lat=lat, scale=min(MAX_SCALE, max(MIN_SCALE, scale)))


def bounds(places: Iterable[Place], share: float = 1.0) -> tuple[float, float, float, float] | None:
    """The box around the places (None if there are none); with ``share`` < 1, around the
    busiest places that hold that share of the events (a few far-off mentions, a summit in
    Geneva, do not zoom a map of Syria out to the world)."""
    found = sorted(places, key=lambda p: -p.events)
    if share < 1.0 and found:
        total, kept, running = sum(p.events for p in found), [], 0
        for p in found:
            kept.append(p)
            running += p.events
            if running >= share * total:
                break
        found = kept
    if not found:
        return None
    lons, lats = [p.lon for p in found], [p.lat for p in found]
    return (min(lons), min(lats), max(lons), max(lats))


@dataclass(slots=True)
class Marker:
    """The places that fall in one cell of the map, with their totals."""

    col: int
    row: int
    places: list[Place] = field(default_factory=list)
    events: int = 0
    killed: int = 0

    @property
    def name(self) -> str:
        top = max(self.places, key=lambda p: p.events)
        more = len(self.places) - 1
        return top.name + (f" +{more}" if more else "")


@dataclass(slots=True)
class Picture:
    """A map drawn into a cols × rows area: braille outlines and the markers."""

    cols: int
    rows: int
    lines: list[str]
    markers: list[Marker]  # most events first
    hidden: int = 0  # places with events out of view


def draw(view: View, cols: int, rows: int, places: Sequence[Place] = ()) -> Picture:
    """Draw the outlines and markers of ``places`` seen through ``view``."""
    cols, rows = max(cols, 1), max(rows, 1)
    lines = outlines(view, cols, rows)
    by_cell: dict[tuple[int, int], Marker] = {}
    hidden = 0
    for p in places:
        x, y = view.project(p.lon, p.lat, cols, rows)
        col, row = int(x // 2), int(y // 4)
        if not (0 <= col < cols and 0 <= row < rows):
            hidden += 1
            continue
        m = by_cell.get((col, row))
        if m is None:
            m = by_cell[(col, row)] = Marker(col, row)
        m.places.append(p)
        m.events += p.events
        m.killed += p.killed
    markers = sorted(by_cell.values(), key=lambda m: (-m.events, m.row, m.col))
    for m in markers:
        m.places.sort(key=lambda p: (-p.events, p.name))
    return Picture(cols, rows, lines, markers, hidden)


@lru_cache(maxsize=8)
def outlines(view: View, cols: int, rows: int) -> list[str]:
    """The countries' outlines in view as rows of braille characters (kept for the last
    few views: moving the selection redraws the markers only)."""
    width, height = cols * 2, rows * 4
    cells = bytearray(cols * rows)
    west, north = view.unproject(0, 0, cols, rows)
    east, south = view.unproject(width, height, cols, rows)
    k, squash = view.scale, view._squash()
    kx, x_off = k * squash, cols - view.lon * k * squash
    y_off = rows * 2 + view.lat * k
    dots = _DOTS
    for c in countries():
        cw, cs, ce, cn = c.bbox
        if ce < west or cw > east or cn < south or cs > north:
            continue
        for ring in c.rings:
            px = py = None
            for lon, lat in ring:
                x, y = x_off + lon * kx, y_off - lat * k
                if px is not None:
                    if abs(x - px) < 1.0 and abs(y - py) < 1.0:
                        xi, yi = int(x), int(y)
                        if 0 <= xi < width and 0 <= yi < height:
                            cells[(yi >> 2) * cols + (xi >> 1)] |= dots[yi & 3][xi & 1]
                    else:
                        _line(cells, cols, width, height, px, py, x, y)
                px, py = x, y
    return [
        "".join(chr(0x2800 + b) if b else " " for b in cells[r * cols : (r + 1) * cols])
        for r in range(rows)
    ]


def _line(
    cells: bytearray, cols: int, w: int, h: int, x0: float, y0: float, x1: float, y1: float
) -> None:
    """Set the dots of a segment, clipped to the area (Liang-Barsky)."""
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0), (dx, w - 1e-6 - x0), (-dy, y0), (dy, h - 1e-6 - y0)):
        if p == 0:
            if q < 0:
                return
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return
            t0 = max(t0, t)
        else:
            if t < t0:
                return
            t1 = min(t1, t)
    ax, ay = x0 + t0 * dx, y0 + t0 * dy
    bx, by = x0 + t1 * dx, y0 + t1 * dy
    n = int(max(abs(bx - ax), abs(by - ay))) + 1
    sx, sy = (bx - ax) / n, (by - ay) / n
    for i in range(n + 1):
        x, y = int(ax + sx * i), int(ay + sy * i)
        if 0 <= x < w and 0 <= y < h:
            cells[(y >> 2) * cols + (x >> 1)] |= _DOTS[y & 3][x & 1]


def glyph(events: int, most: int) -> str:
    """A marker's glyph, bigger for more events (relative to the busiest in view)."""
    if most <= 1 or events * 8 < most:
        return "•"
    if events * 3 < most:
        return "●"
    return "◉"

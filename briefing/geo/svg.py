"""A small static map as SVG: the countries around the places, a circle per place sized
by its events, red where people were killed, the busiest places named.

For the markdown brief (``briefing export``), which links it from beside the markdown.
Pure text out: names are escaped, so an article's ``<script>`` or ``&`` stays text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from briefing.geo import Place, countries

WIDTH, HEIGHT = 720, 440
LABELS = 8  # the busiest places are named
MARGIN = 0.15  # of the places' span, around them
MIN_SPAN = 3.0  # degrees: a single town is shown with its surroundings


def focus(places: Sequence[Place], few: float = 0.1) -> tuple[float, float, float, float] | None:
    """The box (west, south, east, north) around where the events are: the busiest places
    first, each widening the box; a place with few events (under ``few`` of them all) that
    would widen it more than twofold (and past 15 degrees) is left out, so that a summit
    in Geneva and a statement in Washington do not shrink Syria to a dot."""
    total = sum(p.events for p in places)
    box: tuple[float, float, float, float] | None = None
    for p in sorted(places, key=lambda p: (-p.events, p.name)):
        if box is None:
            box = (p.lon, p.lat, p.lon, p.lat)
            continue
        grown = (min(box[0], p.lon), min(box[1], p.lat), max(box[2], p.lon), max(box[3], p.lat))
        if p.events < few * total and _span(grown) > max(2 * _span(box), 15.0):
            continue
        box = grown
    return box


def _span(box: tuple[float, float, float, float]) -> float:
    return max(box[2] - box[0], box[3] - box[1])


def svg_map(
    places: Sequence[Place], *, title: str = "", width: int = WIDTH, height: int = HEIGHT
) -> str:
    """The map of ``places`` (those with events) as an SVG document."""
    box = focus(places) or (-170.0, -60.0, 170.0, 75.0)
    west, south, east, north = box
    lat0 = (south + north) / 2
    squash = max(0.2, math.cos(math.radians(lat0)))
    span_lon = max(east - west, MIN_SPAN) * (1 + 2 * MARGIN)
    span_lat = max(north - south, MIN_SPAN) * (1 + 2 * MARGIN)
    scale = min(width / (span_lon * squash), height / span_lat)  # pixels per degree
    lon0 = (west + east) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (width / 2 + (lon - lon0) * scale * squash, height / 2 - (lat - lat0) * scale)

    seen_w = lon0 - width / 2 / (scale * squash)
    seen_e = lon0 + width / 2 / (scale * squash)
    seen_s, seen_n = lat0 - height / 2 / scale, lat0 + height / 2 / scale
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title or 'Where the events happened')}</title>",
        f'<rect width="{width}" height="{height}" fill="#dfeaf2"/>',
        '<g fill="#f7f5ef" stroke="#9a9a9a" stroke-width="0.7" stroke-linejoin="round">',
    ]
    for c in countries():
        cw, cs, ce, cn = c.bbox
        if ce < seen_w or cw > seen_e or cn < seen_s or cs > seen_n:
            continue
        d = " ".join(
            "M"
            + " L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lon, lat) for lon, lat in ring))
            + "Z"
            for ring in c.rings
        )
        out.append(f"<path d={quoteattr(d)}><title>{escape(c.name)}</title></path>")
    out.append("</g>")
    shown = sorted(
        (p for p in places if seen_w <= p.lon <= seen_e and seen_s <= p.lat <= seen_n),
        key=lambda p: (-p.events, p.name),
    )
    most = max((p.events for p in shown), default=1)
    out.append('<g stroke="#ffffff" stroke-width="1" fill-opacity="0.75">')
    for p in reversed(shown):  # the busiest drawn last, on top
        x, y = xy(p.lon, p.lat)
        r = 3 + 12 * math.sqrt(p.events / most)
        colour = "#c0392b" if p.killed else "#e67e22"
        tip = f"{p.name}: {p.events} event{'s' * (p.events != 1)}" + (
            f", {p.killed} killed" if p.killed else ""
        )
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}">'
            f"<title>{escape(tip)}</title></circle>"
        )
    out.append("</g>")
    halo, names = [], []
    taken: list[tuple[float, float, float, float]] = []
    for p in shown:
        if len(names) == LABELS:
            break
        x, y = xy(p.lon, p.lat)
        r = 3 + 12 * math.sqrt(p.events / most)
        box = (x + r + 2, y - 8, x + r + 2 + 7 * len(p.name), y + 6)
        if any(a < box[2] and box[0] < c and b < box[3] and box[1] < d for a, b, c, d in taken):
            continue  # it would cover a busier place's name
        taken.append(box)
        text = f'<text x="{box[0]:.1f}" y="{y + 4:.1f}">{escape(p.name)}</text>'
        halo.append(text)
        names.append(text)
    out.append('<g fill="#ffffff" stroke="#ffffff" stroke-width="3">')
    out += halo
    out.append('</g>\n<g fill="#222222">')
    out += names
    out.append("</g>")
    hidden = len(places) - len(shown)
    legend = (
        f"{len(shown)} place{'s' * (len(shown) != 1)}; circle area: events; red: people killed"
        + (f"; {hidden} far-off place{'s' * (hidden != 1)} not shown" if hidden else "")
    )
    out.append(
        f'<text x="8" y="{height - 8}" fill="#444444" font-size="11">{escape(legend)}</text>'
    )
    out.append(
        f'<text x="{width - 8}" y="{height - 8}" fill="#777777" font-size="10"'
        ' text-anchor="end">Natural Earth 1:110m</text>'
    )
    out.append("</svg>\n")
    return "\n".join(out)

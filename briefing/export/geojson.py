"""The events in scope as GeoJSON (RFC 7946): a FeatureCollection, one Point Feature per
event at its first place that has coordinates, ``[lon, lat]`` as the RFC orders them, the
event itself (the data contract's fields) as its properties. QGIS, kepler.gl or geopandas
open it as it is.

Events whose places have no coordinates (or that name none) are left out and counted
(``GeoJSON.left_out``), for the command line to say so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.export.scope import Scope
    from briefing.index.queries import Index

_DUMP = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def point(event: dict[str, Any]) -> tuple[float, float] | None:
    """(lon, lat) of the event's first place with coordinates, or None."""
    for place in event.get("locations") or []:
        lat, lon = place.get("lat"), place.get("lon")
        if (
            isinstance(lat, int | float)
            and isinstance(lon, int | float)
            and -90 <= lat <= 90
            and -180 <= lon <= 180
        ):
            return (round(float(lon), 6), round(float(lat), 6))
    return None


def feature(event: dict[str, Any], entry: str | None = None) -> dict[str, Any] | None:
    where = point(event)
    if where is None:
        return None
    properties = dict(event)
    if entry is not None:
        properties["incident"] = entry  # the same-event cluster it belongs to (or itself)
    return {
        "type": "Feature",
        "id": event["event_id"],
        "geometry": {"type": "Point", "coordinates": list(where)},
        "properties": properties,
    }


class GeoJSON:
    """The text of a FeatureCollection of the events in ``scope``, in parts (iterate it);
    ``left_out`` counts the events without coordinates once it has been read through."""

    def __init__(self, index: Index, scope: Scope):
        self.index, self.scope = index, scope
        self.written = 0
        self.left_out = 0

    def __iter__(self) -> Iterator[str]:
        from briefing.export.scope import selections

        yield '{"type":"FeatureCollection","features":['
        part: list[str] = []
        for event, entry in self.index.timeline(selections(self.scope)):
            found = feature(event, entry)
            if found is None:
                self.left_out += 1
                continue
            part.append(("," if self.written else "") + "\n" + _DUMP(found))
            self.written += 1
            if len(part) >= 500:
                yield "".join(part)
                part.clear()
        part.append("\n]}\n")
        yield "".join(part)


def render_geojson(index: Index, scope: Scope) -> str:
    return "".join(GeoJSON(index, scope))

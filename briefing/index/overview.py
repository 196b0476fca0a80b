"""What the map and the overview ask of the index: counts, worked out by SQLite.

Every function takes the keyword filters of ``Index.events`` (``Resolved.query()``) and
aggregates in SQL, so that the faces get a few hundred rows whatever the number of events:
the map draws places, never events one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from briefing.geo import Place
from briefing.index import eventkey, store
from briefing.index.queries import Index

FROM = "FROM events e JOIN articles a ON a.rowid = e.article"
# an event's primary location: its first place
PRIMARY = (
    f" JOIN participants pl ON pl.event = e.rowid AND pl.role = {store.LOCATION}"
    " AND pl.position = 0 JOIN entities p ON p.rowid = pl.entity"
)


def _where(index: Index, query: dict[str, Any], *more: str) -> tuple[str, list[Any]]:
    where, args = index._where(store.Labels(index.con), **query)
    clauses = [where[len("WHERE ") :]] if where else []
    clauses += more
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), args


def mapped(index: Index, query: dict[str, Any]) -> tuple[list[Place], int, int]:
    """(each place that is the primary location of events in the filter and has
    coordinates, with its events and their toll; the events in the filter; those on the
    map), in one pass over the filter's events."""
    where, args = _where(index, query)
    rows = index.con.execute(
        "SELECT pl.entity, count(*), coalesce(sum(e.killed), 0), coalesce(sum(e.wounded), 0)"
        f" {FROM} LEFT JOIN participants pl ON pl.event = e.rowid AND pl.role = {store.LOCATION}"
        f" AND pl.position = 0 {where} GROUP BY pl.entity",
        args,
    ).fetchall()
    total = sum(n for _, n, _, _ in rows)
    counts = {entity: (n, k, w) for entity, n, k, w in rows if entity is not None}
    places: list[Place] = []
    ids = list(counts)
    for i in range(0, len(ids), 900):  # SQLite's limit on parameters
        chunk = ids[i : i + 900]
        for rowid, pid, name, lat, lon, country in index.con.execute(
            "SELECT rowid, id, name, lat, lon, country FROM entities WHERE rowid IN"
            f" ({','.join('?' * len(chunk))}) AND lat IS NOT NULL AND lon IS NOT NULL",
            chunk,
        ):
            n, k, w = counts[rowid]
            places.append(Place(pid, name, lat, lon, n, k, w, country))
    return places, total, sum(p.events for p in places)


def article_ids(index: Index, query: dict[str, Any]) -> set[str]:
    """The articles that report an event in the filter."""
    where, args = _where(index, query)
    return {i for (i,) in index.con.execute(f"SELECT DISTINCT a.id {FROM} {where}", args)}


def events_at(
    index: Index, place_ids: list[str], query: dict[str, Any], limit: int = 200
) -> list[dict[str, Any]]:
    """The events in the filter whose primary location is one of ``place_ids``, newest first."""
    if not place_ids:
        return []
    where, args = _where(index, query, f"p.id IN ({','.join('?' * len(place_ids))})")
    ids = [
        eventkey.name(stored)
        for (stored,) in index.con.execute(
            f"SELECT e.event_id {FROM}{PRIMARY} {where}"
            f" ORDER BY coalesce(e.date, a.date) DESC, e.rowid LIMIT {int(limit)}",
            [*args, *place_ids],
        )
    ]
    if not ids:
        return []
    found = {e["event_id"]: e for e in index.events(ids=ids, modality=None)}
    return [found[i] for i in ids if i in found]


# the overview ----------------------------------------------------------------------------
#
# The filter is evaluated once: its events go into a temporary table of this connection
# (``ov``: the event, its incident, day, week and toll), and every count of the overview
# reads that narrow table instead of joining and filtering the events again.
#
# A week is numbered by SQLite as the Julian day number of its Monday over 7 (day number 0
# was a Monday), so that weeks are grouped in SQL and only named in Python.

_OV, _OVI = "ov", "ov_incidents"
_WEEK = "CAST(julianday({day}) + 0.5 AS INTEGER) / 7"
_JDN_TO_ORDINAL = 1721425  # a Julian day number less this is Python's date ordinal


def _monday(week: int) -> str:
    return date.fromordinal(week * 7 - _JDN_TO_ORDINAL).isoformat()


def _gather(index: Index, query: dict[str, Any]) -> None:
    """Fill the connection's ``ov`` table with the events of the filter."""
    where, args = _where(index, query)
    con = index.con
    con.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {_OV} (ev INTEGER PRIMARY KEY, inc INTEGER NOT NULL,"
        " day TEXT, wk INTEGER, killed INTEGER, wounded INTEGER)"
    )
    con.execute(f"DELETE FROM {_OV}")
    con.execute(
        f"INSERT INTO {_OV} SELECT ev, inc, day, {_WEEK.format(day='day')}, killed, wounded"
        " FROM (SELECT e.rowid AS ev, coalesce(e.cluster, e.rowid) AS inc,"
        " substr(coalesce(e.date, a.date), 1, 10) AS day, e.killed AS killed,"
        f" e.wounded AS wounded {FROM} {where})",
        args,
    )
    # and its incidents (same-event clusters): first report, reports, toll ranges, last day
    con.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {_OVI} (inc INTEGER PRIMARY KEY, first INTEGER,"
        " reports INTEGER, kmin INTEGER, kmax INTEGER, wmin INTEGER, wmax INTEGER, day TEXT)"
    )
    con.execute(f"DELETE FROM {_OVI}")
    con.execute(
        f"INSERT INTO {_OVI} SELECT inc, min(ev), count(*), min(killed), max(killed),"
        f" min(wounded), max(wounded), max(day) FROM {_OV} GROUP BY inc"
    )


def weekly(index: Index) -> list[tuple[str, int, int]]:
    """(Monday of the week, events, killed) for every week from the first dated event of
    ``ov`` to the last, empty weeks included (an event's date, else its article's)."""
    counts = {
        wk: (n, k)
        for wk, n, k in index.con.execute(
            f"SELECT wk, count(*), coalesce(sum(killed), 0) FROM {_OV}"
            " WHERE wk IS NOT NULL GROUP BY wk"
        )
    }
    if not counts:
        return []
    first, last = min(counts), max(counts)
    return [
        (_monday(wk), *counts.get(wk, (0, 0))) for wk in range(first, min(last, first + 1999) + 1)
    ]


def top_entities(index: Index, limit: int = 10) -> dict[int, list[dict[str, Any]]]:
    """By role (ACTOR, TARGET, LOCATION), the entities of most events in ``ov``:
    ``{id, name, kind, type, events, killed}``, most events first."""
    rows = index.con.execute(
        "SELECT pa.role, pa.entity, count(DISTINCT pa.event) AS n,"
        f" coalesce(sum(o.killed), 0) FROM {_OV} o JOIN participants pa ON pa.event = o.ev"
        " WHERE pa.entity IS NOT NULL GROUP BY pa.role, pa.entity"
    ).fetchall()
    best: dict[int, list[tuple[int, int, int]]] = {}
    for role, entity, n, killed in rows:
        best.setdefault(role, []).append((n, entity, killed))
    out: dict[int, list[dict[str, Any]]] = {}
    for role, found in best.items():
        found.sort(key=lambda r: -r[0])
        least = found[min(limit, len(found)) - 1][0]
        top = [r for r in found if r[0] >= least]  # those tied at the cut: by name below
        names = {}
        for i in range(0, len(top), 900):  # SQLite's limit on parameters
            chunk = [entity for _, entity, _ in top[i : i + 900]]
            for rowid, eid, name, kind, type_ in index.con.execute(
                "SELECT rowid, id, name, kind, type FROM entities WHERE rowid IN"
                f" ({','.join('?' * len(chunk))})",
                chunk,
            ):
                names[rowid] = (eid, name, kind, type_)
        ranked = sorted(top, key=lambda r: (-r[0], names[r[1]][1]))[:limit]
        out[role] = [
            {
                "id": names[entity][0],
                "name": names[entity][1],
                "kind": names[entity][2],
                "type": names[entity][3],
                "events": n,
                "killed": killed,
                "rowid": entity,
            }
            for n, entity, killed in ranked
        ]
    return out


def entity_weeks(
    index: Index, wanted: list[tuple[int, int]], weeks: list[str]
) -> dict[tuple[int, int], list[int]]:
    """Events per week (the weeks of ``weekly``) of each (role, entity rowid) in ``ov``."""
    if not weeks or not wanted:
        return {}
    position = {w: i for i, w in enumerate(weeks)}
    out = {}
    for role, entity in wanted:  # one index search each: fewer rows than one scan
        counts = out[(role, entity)] = [0] * len(weeks)
        for wk, n in index.con.execute(
            f"SELECT o.wk, count(DISTINCT o.ev) FROM participants pa JOIN {_OV} o"
            " ON o.ev = pa.event WHERE pa.entity = ? AND pa.role = ? AND o.wk IS NOT NULL"
            " GROUP BY o.wk",
            (entity, role),
        ):
            monday = _monday(wk)
            if monday in position:
                counts[position[monday]] += n
    return out


def tolls(index: Index) -> dict[str, Any]:
    """Killed and wounded in ``ov``: the sum over events, and over same-event clusters
    the range their reports give (lowest and highest), summed."""
    total = index.con.execute(
        "SELECT count(*), coalesce(sum(killed), 0), coalesce(sum(wounded), 0),"
        f" count(killed), count(wounded) FROM {_OV}"
    ).fetchone()
    ranged = index.con.execute(
        "SELECT coalesce(sum(kmin), 0), coalesce(sum(kmax), 0), coalesce(sum(wmin), 0),"
        f" coalesce(sum(wmax), 0), count(*) FROM {_OVI}"
    ).fetchone()
    return {
        "events": total[0],
        "killed": total[1],
        "wounded": total[2],
        "events_with_killed": total[3],
        "events_with_wounded": total[4],
        "incidents": ranged[4],
        "killed_range": (ranged[0], ranged[1]),
        "wounded_range": (ranged[2], ranged[3]),
    }


def incidents(index: Index, *, order: str = "newest", limit: int = 8) -> list[dict[str, Any]]:
    """The newest incidents of ``ov``, or the busiest (most reports, then killed):
    same-event clusters counted once, ``{event_id, reports, killed, date}`` with the event
    dict of the cluster's first report."""
    sort = (
        "day IS NULL, day DESC, reports DESC, first"
        if order == "newest"
        else "reports DESC, killed DESC, day DESC, first"
    )
    rows = index.con.execute(
        "SELECT first, reports, coalesce(kmax, 0) AS killed, day"
        f" FROM {_OVI} ORDER BY {sort} LIMIT {int(limit)}"
    ).fetchall()
    if not rows:
        return []
    stored = dict(
        index.con.execute(
            f"SELECT rowid, event_id FROM events WHERE rowid IN ({','.join('?' * len(rows))})",
            [r[0] for r in rows],
        )
    )
    ids = [eventkey.name(stored[r[0]]) for r in rows]
    found = {e["event_id"]: e for e in index.events(ids=ids, modality=None)}
    return [
        {"event_id": i, "reports": r[1], "killed": r[2], "date": r[3], "event": found.get(i)}
        for i, r in zip(ids, rows, strict=True)
        if i in found
    ]


def sparkline(values: list[int], width: int | None = None) -> str:
    """Values as block characters, squeezed into ``width`` columns (summing neighbours)."""
    if width and len(values) > width:
        step = len(values) / width
        values = [sum(values[int(i * step) : int((i + 1) * step)]) for i in range(width)]
    top = max(values, default=0)
    if top == 0:
        return "▁" * len(values)
    bars = "▁▂▃▄▅▆▇█"
    return "".join(bars[min(7, (v * 7 + top - 1) // top)] if v else " " for v in values)


def bars(values: list[int], width: int, height: int) -> list[str]:
    """A bar chart of ``values`` in ``height`` rows of block characters, ``width`` columns
    (neighbouring values summed when there are more than columns); top row first."""
    if not values or width <= 0 or height <= 0:
        return []
    if len(values) > width:
        step = len(values) / width
        values = [sum(values[int(i * step) : int((i + 1) * step)]) for i in range(width)]
    top = max(values) or 1
    eighths = [round(v * height * 8 / top) if v else 0 for v in values]
    eighths = [max(e, 1) if v else 0 for e, v in zip(eighths, values, strict=True)]
    rows = []
    for r in range(height - 1, -1, -1):
        line = []
        for e in eighths:
            fill = e - r * 8
            line.append("█" if fill >= 8 else (" ▁▂▃▄▅▆▇"[fill] if fill > 0 else " "))
        rows.append("".join(line))
    return rows


def summary(
    index: Index,
    query: dict[str, Any],
    *,
    top: int = 8,
    on_head: Callable[[dict[str, Any]], object] | None = None,
) -> dict[str, Any]:
    """Everything the overview shows for a filter: events per week, the top places, actors
    and targets with their weekly sparklines, the tolls, the newest and busiest incidents.
    The filter is evaluated once (``_gather``); on a connection of its own per thread.
    ``on_head`` is given the weeks and tolls as soon as they are counted (the rest takes
    as long again), for a screen to draw them first."""
    _gather(index, query)
    try:
        weeks = weekly(index)
        days = [w for w, _, _ in weeks]
        out: dict[str, Any] = {"weeks": weeks, "tolls": tolls(index)}
        if on_head is not None:
            on_head(dict(out))
        tops = top_entities(index, top)
        roles = (("places", store.LOCATION), ("actors", store.ACTOR), ("targets", store.TARGET))
        wanted = [(role, row["rowid"]) for _, role in roles for row in tops.get(role, [])]
        sparks = entity_weeks(index, wanted, days)
        for key, role in roles:
            rows = tops.get(role, [])
            for row in rows:
                row["weeks"] = sparks.get((role, row.pop("rowid")), [])
            out[key] = rows
        out["newest"] = incidents(index, order="newest", limit=top)
        out["busiest"] = incidents(index, order="busiest", limit=top)
        return out
    finally:
        index.con.execute(f"DELETE FROM {_OV}")
        index.con.execute(f"DELETE FROM {_OVI}")

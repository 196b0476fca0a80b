"""What the map and the overview ask of the index: counts, worked out by SQLite.

Every function takes the keyword filters of ``Index.events`` (``Resolved.query()``) and
aggregates in SQL, so that the faces get a few hundred rows whatever the number of events:
the map draws places, never events one by one.
"""

from __future__ import annotations

from datetime import date, timedelta
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


def places(index: Index, query: dict[str, Any]) -> list[Place]:
    """Each place that is the primary location of an event in the filter and has
    coordinates, with its events and their toll."""
    where, args = _where(index, query, "p.lat IS NOT NULL", "p.lon IS NOT NULL")
    rows = index.con.execute(
        "SELECT p.id, p.name, p.lat, p.lon, count(*), coalesce(sum(e.killed), 0),"
        f" coalesce(sum(e.wounded), 0), p.country {FROM}{PRIMARY} {where} GROUP BY p.rowid",
        args,
    )
    return [Place(*row) for row in rows]


def located(index: Index, query: dict[str, Any]) -> tuple[int, int]:
    """(events in the filter, those with a place that has coordinates)."""
    where, args = _where(index, query)
    total = index.con.execute(f"SELECT count(*) {FROM} {where}", args).fetchone()[0]
    where, args = _where(index, query, "p.lat IS NOT NULL")
    mapped = index.con.execute(f"SELECT count(*) {FROM}{PRIMARY} {where}", args).fetchone()[0]
    return total, mapped


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


def weekly(index: Index, query: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(Monday of the week, events, killed) for every week from the first dated event to
    the last, empty weeks included (an event's date, else its article's)."""
    where, args = _where(index, query, "coalesce(e.date, a.date) IS NOT NULL")
    rows = index.con.execute(
        "SELECT date(day, '-' || ((cast(strftime('%w', day) AS integer) + 6) % 7) || ' days') AS wk,"
        " count(*), coalesce(sum(killed), 0) FROM (SELECT substr(coalesce(e.date, a.date), 1, 10)"
        f" AS day, e.killed AS killed {FROM} {where}) WHERE day IS NOT NULL AND wk IS NOT NULL"
        " GROUP BY wk ORDER BY wk",
        args,
    ).fetchall()
    if not rows:
        return []
    counts = {wk: (n, k) for wk, n, k in rows}
    out = []
    week, last = date.fromisoformat(rows[0][0]), date.fromisoformat(rows[-1][0])
    while week <= last and len(out) < 2000:
        n, k = counts.get(week.isoformat(), (0, 0))
        out.append((week.isoformat(), n, k))
        week += timedelta(days=7)
    return out


def top_entities(
    index: Index, query: dict[str, Any], role: int, limit: int = 10
) -> list[dict[str, Any]]:
    """The actors (role ACTOR), targets (TARGET) or places (LOCATION) of most events in the
    filter: ``{id, name, kind, type, events, killed}``."""
    where, args = _where(index, query, f"pa.role = {role}", "pa.entity IS NOT NULL")
    rows = index.con.execute(
        "SELECT en.id, en.name, en.kind, en.type, count(DISTINCT e.rowid) AS n, "
        f" coalesce(sum(e.killed), 0) {FROM} JOIN participants pa ON pa.event = e.rowid"
        f" JOIN entities en ON en.rowid = pa.entity {where}"
        f" GROUP BY en.rowid ORDER BY n DESC, en.name LIMIT {int(limit)}",
        args,
    )
    return [
        {"id": i, "name": n, "kind": k, "type": t, "events": c, "killed": x}
        for i, n, k, t, c, x in rows
    ]


def entity_weeks(
    index: Index, query: dict[str, Any], role: int, entity_id: str, weeks: list[str]
) -> list[int]:
    """Events per week (the weeks of ``weekly``) of one entity in one role: a sparkline."""
    if not weeks:
        return []
    where, args = _where(
        index,
        query,
        f"pa.role = {role}",
        "pa.entity = (SELECT rowid FROM entities WHERE id = ?)",
        "coalesce(e.date, a.date) IS NOT NULL",
    )
    counts: dict[str, int] = {}
    for day, n in index.con.execute(
        "SELECT substr(coalesce(e.date, a.date), 1, 10) AS day, count(DISTINCT e.rowid)"
        f" {FROM} JOIN participants pa ON pa.event = e.rowid {where} GROUP BY day",
        [*args, entity_id],
    ):
        try:
            d = date.fromisoformat(day)
        except ValueError:
            continue
        monday = (d - timedelta(days=d.weekday())).isoformat()
        counts[monday] = counts.get(monday, 0) + n
    return [counts.get(w, 0) for w in weeks]


def tolls(index: Index, query: dict[str, Any]) -> dict[str, Any]:
    """Killed and wounded in the filter: the sum over events, and over same-event clusters
    the range their reports give (lowest and highest), summed."""
    where, args = _where(index, query)
    total = index.con.execute(
        "SELECT count(*), coalesce(sum(e.killed), 0), coalesce(sum(e.wounded), 0),"
        " count(e.killed), count(e.wounded)"
        f" {FROM} {where}",
        args,
    ).fetchone()
    ranged = index.con.execute(
        "SELECT coalesce(sum(kmin), 0), coalesce(sum(kmax), 0), coalesce(sum(wmin), 0),"
        " coalesce(sum(wmax), 0), count(*) FROM (SELECT min(e.killed) AS kmin, max(e.killed) AS kmax,"
        f" min(e.wounded) AS wmin, max(e.wounded) AS wmax {FROM} {where}"
        " GROUP BY coalesce(e.cluster, e.rowid))",
        args,
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


def incidents(
    index: Index, query: dict[str, Any], *, order: str = "newest", limit: int = 8
) -> list[dict[str, Any]]:
    """The newest incidents, or the busiest (most reports, then killed): same-event
    clusters counted once, ``{event_id, reports, killed, date}`` with the event dict."""
    where, args = _where(index, query)
    sort = (
        "day IS NULL, day DESC, reports DESC"
        if order == "newest"
        else "reports DESC, killed DESC, day DESC"
    )
    rows = index.con.execute(
        "SELECT e.event_id, min(e.rowid), count(*) AS reports, coalesce(max(e.killed), 0) AS killed,"
        f" max(coalesce(e.date, a.date)) AS day {FROM} {where}"
        f" GROUP BY coalesce(e.cluster, e.rowid) ORDER BY {sort} LIMIT {int(limit)}",
        args,
    ).fetchall()
    ids = [eventkey.name(r[0]) for r in rows]
    found = {e["event_id"]: e for e in index.events(ids=ids, modality=None)} if ids else {}
    return [
        {"event_id": i, "reports": r[2], "killed": r[3], "date": r[4], "event": found.get(i)}
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


def summary(index: Index, query: dict[str, Any], *, top: int = 8) -> dict[str, Any]:
    """Everything the overview shows for a filter: events per week, the top places, actors
    and targets with their weekly sparklines, the tolls, the newest and busiest incidents."""
    weeks = weekly(index, query)
    days = [w for w, _, _ in weeks]
    out: dict[str, Any] = {"weeks": weeks, "tolls": tolls(index, query)}
    for key, role in (
        ("places", store.LOCATION),
        ("actors", store.ACTOR),
        ("targets", store.TARGET),
    ):
        rows = top_entities(index, query, role, top)
        for row in rows:
            row["weeks"] = entity_weeks(index, query, role, row["id"], days)
        out[key] = rows
    out["newest"] = incidents(index, query, order="newest", limit=top)
    out["busiest"] = incidents(index, query, order="busiest", limit=top)
    return out

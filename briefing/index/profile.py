"""The profile of an actor or a place: what it did and suffered over time, whom it met,
where it acted, and which articles name it."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from briefing.index import store
from briefing.index.queries import Index

ROLE_NAMES = {store.ACTOR: "actor", store.TARGET: "target", store.LOCATION: "location"}


def _number(con, entity_id: str) -> int:
    return con.execute("SELECT rowid FROM entities WHERE id = ?", (entity_id,)).fetchone()[0]


TOP = 10


def _period(day: str | None, by: str) -> str | None:
    if not day:
        return None
    return day[:10] if by == "day" else day[:7]


def profile(index: Index, entity_id: str, *, by: str | None = None, top: int = TOP) -> dict | None:
    """Everything the collection says about one actor or place, or None if it is unknown.

    Returns ``{entity, events, timeline, counterparts, places, actors, articles}``:

    - ``events``: counts ``{as_actor, as_target, at}`` (``at``: events located there).
    - ``timeline``: ``[{period, as_actor, as_target, at}]`` per month, or per day when the
      events span less than three months (``by`` forces ``"month"`` or ``"day"``);
      undated events fall under their article's date.
    - ``counterparts``: the actors it meets most often across events (its targets when it
      acts, its attackers when it is targeted), ``[{id, name, kind, events, as_actor,
      as_target}]``.
    - ``places``: where its events happen, ``[{id, name, events}]``.
    - ``actors``: who acts in it (for a place) or beside it, ``[{id, name, events}]``.
    - ``articles``: the articles that name it, most mentions first,
      ``[{id, title, date, source, mentions}]``.
    """
    entity = index.entity(entity_id)
    if entity is None:
        return None
    con = index.con
    rows = con.execute(
        "SELECT e.event_id, p.role, coalesce(e.date, a.date) FROM participants p"
        " JOIN events e ON e.rowid = p.event JOIN articles a ON a.rowid = e.article"
        " WHERE p.entity = (SELECT rowid FROM entities WHERE id = ?) AND e.modality != ?",
        (entity_id, store.Labels(con).find("negated")),
    ).fetchall()
    rows = [(event_id, ROLE_NAMES[role], day) for event_id, role, day in rows]
    roles: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, str | None] = {}
    for event_id, role, day in rows:
        roles[event_id].add(role)
        dates[event_id] = day
    role_name = {"actor": "as_actor", "target": "as_target", "location": "at"}
    totals = Counter(role_name[r] for rs in roles.values() for r in rs if r in role_name)

    known = sorted(d for d in dates.values() if d)
    if by is None:
        by = "day" if known and _months_apart(known[0], known[-1]) < 3 else "month"
    timeline: dict[str | None, Counter] = defaultdict(Counter)
    for event_id, rs in roles.items():
        for r in rs:
            timeline[_period(dates[event_id], by)][role_name.get(r, r)] += 1

    others = con.execute(
        "SELECT e.event_id, en.id, p.role, en.name, en.kind FROM participants p"
        " JOIN events e ON e.rowid = p.event JOIN entities en ON en.rowid = p.entity"
        " WHERE p.event IN (SELECT event FROM participants WHERE entity = ?1) AND p.entity != ?1",
        (_number(con, entity_id),),
    ).fetchall()
    others = [(e, o, ROLE_NAMES[role], name, kind) for e, o, role, name, kind in others]
    names: dict[str, tuple[str, str]] = {}
    met: dict[str, Counter] = defaultdict(Counter)
    places: Counter = Counter()
    actors: Counter = Counter()
    for event_id, other, role, name, kind in others:
        if event_id not in roles:
            continue
        names[other] = (name, kind)
        mine = roles[event_id]
        if role == "location":
            places[other] += 1
        elif role == "actor":
            actors[other] += 1
        if ("actor" in mine and role == "target") or ("target" in mine and role == "actor"):
            met[other]["as_actor" if "actor" in mine else "as_target"] += 1

    def listed(counter: Counter) -> list[dict[str, Any]]:
        return [
            {"id": i, "name": names[i][0], "events": n}
            for i, n in sorted(counter.items(), key=lambda kv: (-kv[1], names[kv[0]][0]))[:top]
        ]

    counterparts = sorted(met.items(), key=lambda kv: (-sum(kv[1].values()), names[kv[0]][0]))
    articles = [
        dict(r)
        for r in con.execute(
            "SELECT a.id, a.title, a.date, a.source, t.count AS mentions FROM article_terms t"
            " JOIN articles a ON a.rowid = t.article WHERE t.term = (SELECT id FROM terms"
            " WHERE term = ?) ORDER BY mentions DESC, a.date DESC, a.id",
            (entity_id,),
        )
    ]
    return {
        "entity": entity,
        "events": {k: totals.get(k, 0) for k in ("as_actor", "as_target", "at")},
        "by": by,
        "timeline": [
            {"period": p, **{k: c.get(k, 0) for k in ("as_actor", "as_target", "at")}}
            for p, c in sorted(timeline.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        ],
        "counterparts": [
            {
                "id": i,
                "name": names[i][0],
                "kind": names[i][1],
                "events": sum(c.values()),
                "as_actor": c.get("as_actor", 0),
                "as_target": c.get("as_target", 0),
            }
            for i, c in counterparts[:top]
        ],
        "places": listed(places),
        "actors": listed(actors),
        "articles": articles,
    }


def _months_apart(first: str, last: str) -> int:
    try:
        return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])
    except ValueError:
        return 0

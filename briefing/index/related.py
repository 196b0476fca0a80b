"""Related entries and same-event clusters, read from the link data in the index.

Every ``related_*`` function returns hits shaped as the Related contract in DESIGN.md:
``{kind, id, name, score, shared}``, best first, where ``shared`` is always a list of
short strings naming what links the hit to the entry asked about (actors, places, kinds
of events; for entities, counts of shared events and articles). Hits carry a few more
fields by kind (``date``, ``source``, ``article_id``, ``same_event``).
"""

from __future__ import annotations

import math
from collections.abc import Sized
from datetime import date
from typing import Any

from briefing.index import eventkey, store
from briefing.index.link import kind_of_event
from briefing.index.queries import Index

# A term named in more than this share of articles (events: and in more than
# COMMON_EVENTS_FROM of them) is too common to look for candidates by; it still adds to
# the score of candidates found through rarer terms.
COMMON = 0.05
COMMON_EVENTS_FROM = 100
EVENT_WINDOW_DAYS = 30


def _idf(n: int, df: int) -> float:
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)  # type: ignore[index]
    except (TypeError, ValueError):
        return None


def _nearness(a: str | None, b: str | None, scale: float) -> float:
    """1.0 for the same day, falling towards 0.7 with distance; 0.85 when a date is unknown."""
    days = _days_apart(a, b)
    return 0.85 if days is None else 0.7 + 0.3 * math.exp(-days / scale)


def _marks(items: Sized) -> str:
    return ",".join("?" * len(items))


def _distinct(names) -> list[str]:
    """Names in order, each once (Syria the state and Syria the country read alike)."""
    return list(dict.fromkeys(names))


def _term_names(index: Index, terms: list[int]) -> dict[int, str]:
    """How an analyst reads each term (``terms.id``): an entity's name, or the term's."""
    con, names = index.con, {}
    for chunk in (terms[i : i + 500] for i in range(0, len(terms), 500)):
        names.update(
            con.execute(
                "SELECT t.id, coalesce(t.name, e.name, t.term) FROM terms t"
                f" LEFT JOIN entities e ON e.id = t.term WHERE t.id IN ({_marks(chunk)})",
                chunk,
            )
        )
    return names


def _entity_names(index: Index, ids: list[str]) -> dict[str, str]:
    return dict(
        index.con.execute(f"SELECT id, name FROM entities WHERE id IN ({_marks(ids)})", ids)
    )


def _weight(count: int) -> float:
    return 1.0 + math.log(count)


# articles ----------------------------------------------------------------------------


def related_articles(index: Index, article_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """Articles that share the most with ``article_id``, best first.

    Each shared term (actor, place, kind of event, actor's kind of event) counts by its
    inverse document frequency, so a rare militia says more than the United States; the
    sum is normalised by both articles' term weights and scaled by nearness in time.
    ``shared`` lists the shared terms by name, the weightiest first.
    """
    con = index.con
    row = con.execute("SELECT rowid, date FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return []
    rowid, day = row
    mine = {
        t: _weight(n)
        for t, n in con.execute(
            "SELECT a.term, a.count FROM linked_articles l JOIN json_each(l.terms) j"
            " JOIN article_terms a ON a.term = j.value AND a.article = l.article"
            " JOIN terms t ON t.id = a.term WHERE l.article = ? ORDER BY t.term",
            (rowid,),
        )
    }
    if not mine:
        return []
    n = con.execute("SELECT count(*) FROM linked_articles").fetchone()[0]
    df = {
        t: con.execute("SELECT count(*) FROM article_terms WHERE term = ?", (t,)).fetchone()[0]
        for t in mine
    }
    idf = {t: _idf(n, df[t]) for t in mine}
    cap = max(50, int(n * COMMON))
    rare = [t for t in mine if df[t] <= cap]
    common = [t for t in mine if df[t] > cap]
    parts: dict[int, dict[str, float]] = {}
    for t in rare:
        for other, n in con.execute(
            "SELECT article, count FROM article_terms WHERE term = ? AND article != ?", (t, rowid)
        ):
            parts.setdefault(other, {})[t] = idf[t] * mine[t] * _weight(n)
    if not parts:
        return []
    # Common terms refine the order of the best candidates found through rarer ones.
    best = sorted(parts, key=lambda a: -sum(parts[a].values()))[: max(200, limit * 10)]
    if common:
        for t in common:
            for other, n in con.execute(
                f"SELECT article, count FROM article_terms WHERE term = ? AND article IN ({_marks(best)})",
                (t, *best),
            ):
                parts[other][t] = idf[t] * mine[t] * _weight(n)
    norms = dict(
        con.execute(
            f"SELECT l.article, l.norm FROM linked_articles l WHERE l.article IN ({_marks(best)})",
            best,
        )
    )
    my_norm = con.execute("SELECT norm FROM linked_articles WHERE article = ?", (rowid,)).fetchone()
    my_norm = my_norm[0] if my_norm else 1.0
    info = {
        r[0]: r[1:]
        for r in con.execute(
            f"SELECT rowid, id, title, date, source FROM articles WHERE rowid IN ({_marks(best)})",
            best,
        )
    }
    scored = []
    for other in best:
        if other not in info:
            continue
        raw = sum(parts[other].values()) / (my_norm * norms.get(other, 1.0))
        scored.append((raw * _nearness(day, info[other][2], 90.0), other))
    scored.sort(key=lambda s: (-s[0], info[s[1]][0]))
    top = scored[:limit]
    names = _term_names(index, sorted({t for _, a in top for t in parts[a]}))
    hits = []
    for score, other in top:
        art_id, title, art_date, source = info[other]
        shared = sorted(parts[other], key=lambda t: -parts[other][t])
        hits.append(
            {
                "kind": "article",
                "id": art_id,
                "name": title,
                "score": round(score, 4),
                "shared": _distinct(names.get(t, t) for t in shared),
                "date": art_date,
                "source": source,
            }
        )
    return hits


# events ------------------------------------------------------------------------------


def event_name(event: dict[str, Any]) -> str:
    """A one-line name for an event: ``2021-02-25 air strikes: United States → Kataib Hezbollah``."""
    who = ", ".join(p["name"] for p in event.get("actors", [])) or "someone"
    whom = ", ".join(p["name"] for p in event.get("targets", []))
    where = event.get("locations") or []
    text = f"{kind_of_event(event['type'], event.get('mode'))}: {who}"
    if whom:
        text += f" → {whom}"
    if where:
        text += f" in {where[0]['name']}"
    return f"{event['date']} {text}" if event.get("date") else text


def related_events(
    index: Index, event_id: str, limit: int = 10, *, days: int = EVENT_WINDOW_DAYS
) -> list[dict[str, Any]]:
    """Events in other articles of the same type that share an actor, target or place
    with ``event_id`` within ``days`` of it, best first.

    Each shared entity counts by its rarity among events; the same mode, and being a
    report of the same real-world event (``same_event``), count extra; nearness in time
    scales the score. ``shared`` names the shared entities, rarest first, then the kind
    of event.
    """
    con = index.con
    row = con.execute(
        "SELECT e.type, e.mode, e.article, coalesce(e.date, a.date), coalesce(e.cluster, e.rowid),"
        " e.rowid FROM events e JOIN articles a ON a.rowid = e.article WHERE e.event_id = ?",
        (eventkey.key(event_id),),
    ).fetchone()
    if row is None:
        return []
    type_, mode, article, day, cluster, number = row
    labels = store.Labels(con)
    mine = [r[0] for r in con.execute(
        "SELECT DISTINCT en.id FROM participants p JOIN entities en ON en.rowid = p.entity"
        " WHERE p.event = ? ORDER BY p.role, p.position", (number,)
    )]  # fmt: skip
    if not mine:
        return []
    n = con.execute("SELECT count(*) FROM events").fetchone()[0]
    df = {
        ent: con.execute(
            "SELECT count(*) FROM participants WHERE entity = (SELECT rowid FROM entities WHERE id = ?)",
            (ent,),
        ).fetchone()[0]
        for ent in mine
    }
    idf = {ent: _idf(n, df[ent]) for ent in mine}
    cap = max(COMMON_EVENTS_FROM, int(n * COMMON))
    # Look for candidates through the rarer entities; common ones only add to their scores.
    rare = [ent for ent in mine if df[ent] <= cap] or mine
    common = [ent for ent in mine if ent not in rare]
    sql = (
        "SELECT e.event_id, en.id, e.mode, coalesce(e.date, a.date), coalesce(e.cluster, e.rowid),"
        " e.rowid FROM entities en JOIN participants p ON p.entity = en.rowid"
        " JOIN events e ON e.rowid = p.event JOIN articles a ON a.rowid = e.article"
        f" WHERE en.id IN ({_marks(rare)}) AND e.type = ? AND e.article != ? AND e.modality != ?"
    )
    args: list[Any] = [*rare, type_, article, labels.find("negated")]
    if day:
        sql += " AND (coalesce(e.date, a.date) IS NULL OR coalesce(e.date, a.date) BETWEEN date(?, ?) AND date(?, ?))"
        args += [day, f"-{days} days", day, f"+{days} days"]
    found: dict[str, dict[str, Any]] = {}
    numbered: dict[int, str] = {}  # candidates by rowid
    for stored, ent, other_mode, other_day, other_cluster, other in con.execute(sql, args):
        name = numbered.get(other)
        if name is None:
            name = numbered[other] = eventkey.name(stored)
            found[name] = {
                "shared": set(),
                "mode": other_mode,
                "day": other_day,
                "same": other_cluster == cluster,
            }
        found[name]["shared"].add(ent)
    # the common entities they share too, looked up candidate by candidate (an event's
    # participants are one range of their table; from the side of an entity in a fifth of
    # all events, as SQLite chose to, 100k: 30-60 ms for each 500 candidates, 1-3 ms so)
    named = dict(
        con.execute(f"SELECT rowid, id FROM entities WHERE id IN ({_marks(common)})", common)
    )
    candidates = list(numbered)
    for i in range(0, len(candidates) if named else 0, 500):
        chunk = candidates[i : i + 500]
        for other, entity in con.execute(
            f"SELECT event, entity FROM participants WHERE event IN ({_marks(chunk)})"
            f" AND +entity IN ({_marks(named)})",  # (+: through the primary key)
            [*chunk, *named],
        ):
            found[numbered[other]]["shared"].add(named[entity])
    scored = []
    for other, hit in found.items():
        score = sum(idf[e] for e in hit["shared"])
        score *= 1.25 if mode and hit["mode"] == mode else 1.0
        score *= 2.0 if hit["same"] else 1.0
        scored.append((score * _nearness(day, hit["day"], days), other))
    scored.sort(key=lambda s: (-s[0], s[1]))
    top = scored[:limit]
    events = {e["event_id"]: e for e in index.events(ids=[o for _, o in top], modality=None)}
    me = index.event(event_id) or {}
    names = {
        p["id"]: p["name"]
        for role in ("actors", "targets", "locations")
        for p in me.get(role, [])
        if p.get("id")
    }
    names.update(_entity_names(index, sorted(idf)))
    label = kind_of_event(labels.word[type_], labels.word.get(mode))
    hits = []
    for score, other in top:
        hit, ev = found[other], events.get(other)
        if ev is None:
            continue
        shared = sorted(hit["shared"], key=lambda e: (-idf[e], names.get(e, e)))
        hits.append(
            {
                "kind": "event",
                "id": other,
                "name": event_name(ev),
                "score": round(score, 4),
                "shared": _distinct([*(names.get(e, e) for e in shared), label]),
                "date": ev.get("date") or hit["day"],
                "article_id": ev["article_id"],
                "same_event": hit["same"],
            }
        )
    return hits


# entities ----------------------------------------------------------------------------


def related_entities(index: Index, entity_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """Actors and places that go with ``entity_id``: met in events, named in the same
    articles. Association is measured against how common each is (so Syria does not top
    every list). ``shared`` reads like ``["4 events", "12 articles"]``."""
    con = index.con
    term = con.execute("SELECT id FROM terms WHERE term = ?", (entity_id,)).fetchone()
    df_me = (
        term
        and con.execute("SELECT count(*) FROM article_terms WHERE term = ?", (term[0],)).fetchone()[
            0
        ]
    )
    if not df_me:
        return []
    together: dict[str, list[int]] = {}
    for other, articles, df in con.execute(
        "SELECT t.term, count(*), (SELECT count(*) FROM article_terms t3 WHERE t3.term = j.value)"
        " FROM article_terms t1 JOIN linked_articles l ON l.article = t1.article"
        " JOIN json_each(l.terms) j JOIN terms t ON t.id = j.value"
        " WHERE t1.term = ? AND j.value != t1.term AND t.term NOT LIKE 'event:%'"
        " GROUP BY j.value",
        (term[0],),
    ):
        together[other] = [articles, df, 0]
    for other, n in con.execute(
        "SELECT en.id, count(DISTINCT a.event) FROM participants a"
        " JOIN participants b ON b.event = a.event JOIN entities en ON en.rowid = b.entity"
        " WHERE a.entity = (SELECT rowid FROM entities WHERE id = ?) AND b.entity != a.entity"
        " GROUP BY b.entity",
        (entity_id,),
    ):
        if other in together:
            together[other][2] = n
    scored = sorted(
        (
            ((a + 2 * ev) / math.sqrt(df_me * (df + 2)), term)
            for term, (a, df, ev) in together.items()
        ),
        key=lambda s: (-s[0], s[1]),
    )[:limit]
    hits = []
    for score, term in scored:
        entity = index.entity(term)
        if entity is None:
            continue
        articles, _, events = together[term]
        shared = ([f"{events} event{'s' if events != 1 else ''}"] if events else []) + [
            f"{articles} article{'s' if articles != 1 else ''}"
        ]
        hits.append(
            {
                "kind": entity["kind"],
                "id": term,
                "name": entity["name"],
                "score": round(score, 4),
                "shared": shared,
            }
        )
    return hits


def kind_of_id(index: Index, entry_id: str) -> str | None:
    """``article``, ``event`` or ``entity``: what an id names in this index, or None."""
    con = index.con
    if con.execute("SELECT 1 FROM articles WHERE id = ?", (entry_id,)).fetchone():
        return "article"
    if con.execute("SELECT 1 FROM events WHERE event_id = ?", (eventkey.key(entry_id),)).fetchone():
        return "event"
    if con.execute("SELECT 1 FROM entities WHERE id = ?", (entry_id,)).fetchone():
        return "entity"
    return None


def related(
    index: Index, entry_id: str, kind: str | None = None, limit: int = 10
) -> list[dict[str, Any]]:
    """Related entries for an article, event or entity id (``kind``: ``article``,
    ``event``, or ``entity``/``actor``/``place``, forces which one; otherwise it is looked
    up). An unknown id gives an empty list."""
    kind = kind or kind_of_id(index, entry_id)
    if kind == "article":
        return related_articles(index, entry_id, limit)
    if kind == "event":
        return related_events(index, entry_id, limit)
    if kind in ("entity", "actor", "place"):
        return related_entities(index, entry_id, limit)
    return []


# clusters ----------------------------------------------------------------------------


def _span(values: list[int]) -> str | None:
    if not values:
        return None
    lo, hi = min(values), max(values)
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _cluster(index: Index, name: str) -> dict[str, Any]:
    con = index.con
    rows = con.execute(
        "SELECT e.event_id, a.id, a.title, a.source, a.date FROM events e"
        " JOIN articles a ON a.rowid = e.article WHERE e.rowid = (SELECT rowid FROM events WHERE"
        " event_id = ?1) OR e.cluster = (SELECT rowid FROM events WHERE event_id = ?1)"
        " ORDER BY a.date, a.id, e.event_id",
        (eventkey.key(name),),
    ).fetchall()
    rows = [(eventkey.name(r[0]), *r[1:]) for r in rows]
    events = {e["event_id"]: e for e in index.events(ids=[r[0] for r in rows], modality=None)}
    reports = []
    for event_id, art_id, title, source, art_date in rows:
        ev = events.get(event_id)
        if ev is None:
            continue
        reports.append(
            {
                "event_id": event_id,
                "article_id": art_id,
                "title": title,
                "source": source,
                "article_date": art_date,
                "date": ev.get("date"),
                "killed": ev.get("killed"),
                "wounded": ev.get("wounded"),
                "sentence": ev.get("sentence"),
                "start": ev.get("start"),
                "end": ev.get("end"),
                "name": event_name(ev),
            }
        )
    first = _headline(list(events.values()))
    killed = [r["killed"] for r in reports if r["killed"] is not None]
    wounded = [r["wounded"] for r in reports if r["wounded"] is not None]
    dates = sorted(r["date"] for r in reports if r["date"])
    return {
        "cluster": name,
        "name": event_name(first) if first else name,
        "type": first.get("type"),
        "mode": first.get("mode"),
        "date": dates[0] if dates else None,
        "dates": _span_dates(dates),
        "num_articles": len({r["article_id"] for r in reports}),
        "num_sources": len({r["source"] for r in reports if r["source"]}),
        "num_reports": len(reports),
        "killed": _span(killed),
        "wounded": _span(wounded),
        "killed_max": max(killed) if killed else None,
        "wounded_max": max(wounded) if wounded else None,
        "reports": reports,
    }


def _headline(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The report that says most about the event: a place finer than a country, named
    actors and targets, a toll."""

    def says(ev: dict[str, Any]) -> tuple:
        fine = any(
            (loc.get("precision") or loc.get("type")) not in ("country", "region")
            for loc in ev.get("locations", [])
        )
        return (fine, bool(ev.get("actors")), bool(ev.get("targets")), ev.get("killed") is not None)

    return max(events, key=says, default={})


def _span_dates(dates: list[str]) -> str | None:
    if not dates:
        return None
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]}–{dates[-1]}"


def cluster_of(index: Index, event_id: str) -> dict[str, Any] | None:
    """The same-event cluster an event belongs to (a cluster of one if nothing else reports it).

    Returns ``{cluster, name, type, mode, date, dates, num_articles, num_sources,
    num_reports, killed, wounded, killed_max, wounded_max, reports}``: ``killed`` and
    ``wounded`` are ranges where reports disagree ("1–5"), and ``reports`` keeps every
    report with its own article, source, date, toll and evidence sentence.
    """
    row = index.con.execute(
        "SELECT coalesce(c.event_id, e.event_id) FROM events e"
        " LEFT JOIN events c ON c.rowid = e.cluster WHERE e.event_id = ?",
        (eventkey.key(event_id),),
    ).fetchone()
    return _cluster(index, eventkey.name(row[0])) if row else None


def clusters(
    index: Index,
    *,
    min_articles: int = 2,
    min_sources: int = 0,
    article: str | None = None,
    entity: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Same-event clusters reported in at least ``min_articles`` articles by at least
    ``min_sources`` outlets, most reported first; optionally only those with a report in
    ``article`` or an event involving ``entity`` (an entity id). Each is shaped as
    ``cluster_of`` returns it."""
    cluster = "coalesce(e.cluster, e.rowid)"
    where, args = (["e.cluster IS NOT NULL"] if min_articles >= 2 else []), []
    if article:
        where.append(
            f"{cluster} IN (SELECT coalesce(cluster, rowid) FROM events WHERE article ="
            " (SELECT rowid FROM articles WHERE id = ?))"
        )
        args.append(article)
    if entity:
        where.append(
            f"{cluster} IN (SELECT coalesce(e2.cluster, e2.rowid) FROM events e2 JOIN participants p"
            " ON p.event = e2.rowid WHERE p.entity = (SELECT rowid FROM entities WHERE id = ?))"
        )
        args.append(entity)
    sql = (
        f"SELECT c.event_id FROM events e JOIN articles a ON a.rowid = e.article"
        f" JOIN events c ON c.rowid = {cluster}"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + f" GROUP BY {cluster} HAVING count(DISTINCT e.article) >= ?"
        " AND count(DISTINCT a.source) >= ?"
        " ORDER BY count(DISTINCT a.source) DESC, count(DISTINCT e.article) DESC, c.event_id"
    )
    args += [min_articles, min_sources]
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [_cluster(index, eventkey.name(r[0])) for r in index.con.execute(sql, args).fetchall()]

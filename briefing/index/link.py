"""Links between articles, events and entities, computed at index time.

Two things are kept up to date here, incrementally, after each indexing run:

* **Article terms** (``article_terms``): what each article is about, as weighted terms —
  the actors and places it names and the kinds of events it reports (``air strikes``,
  ``United States air strikes``). Related articles are ranked from them at query time
  with IDF weights (see ``briefing.index.related``).
* **Same-event clusters** (``event_links.cluster``): reports of one real-world event, in
  several articles or twice in one, grouped as GDELT counts NumSources and NumArticles.
  Two reports are the same event when they have the same type (and compatible mode),
  share an actor, a target or a place at admin1 level or finer, have no conflicting
  place, and fall within a day of each other. Undated reports join only reports in the
  same article, or reports with identical evidence (duplicated or syndicated texts).

Deleting an article (triggers in migration 2) drops its terms and marks the clusters of
its events dirty; ``update_links`` re-clusters only dirty clusters and new events.
"""

from __future__ import annotations

import hashlib
import json
import math
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from briefing.index import codec, store

# Reports of real-world events: what is only threatened, denied or imagined is not clustered.
CLUSTERED_MODALITIES = frozenset({"asserted", "alleged", "historical"})
COARSE_PLACES = frozenset({"country", "region"})
# Modes one event can be told in: a suicide car bomb is a bombing, a drone strike an air strike.
MODE_FAMILIES = {"suicide-attack": "explosives", "drone": "aerial"}
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})

TYPE_NAMES = {
    "ASSAULT": "attacks",
    "COERCE": "coercion",
    "MOBILIZE": "mobilization",
    "THREATEN": "threats",
    "SANCTION": "sanctions",
    "ACCUSE": "accusations",
    "REJECT": "rejections",
    "REQUEST": "requests",
    "PROTEST": "protests",
    "RETREAT": "retreats",
    "CONCEDE": "concessions",
    "AID": "aid",
    "COOPERATE": "cooperation",
    "SUPPORT": "support",
    "CONSULT": "talks",
    "AGREE": "agreements",
}
MODE_NAMES = {
    "aerial": "air strikes",
    "drone": "drone strikes",
    "heavy-weapons": "shelling",
    "explosives": "bombings",
    "suicide-attack": "suicide attacks",
    "firearms": "shootings",
    "targeted": "targeted killings",
    "abduct": "abductions",
    "chemical": "chemical attacks",
    "execution": "executions",
    "troops": "troop deployments",
    "weapons": "arms deliveries",
    "phone": "phone calls",
    "visit": "visits",
    "multilateral": "multilateral talks",
}


def kind_of_event(type_: str, mode: str | None) -> str:
    """What an analyst calls events of this type and mode: ``air strikes``, ``talks``."""
    if mode and mode in MODE_NAMES:
        return MODE_NAMES[mode]
    return TYPE_NAMES.get(type_, type_.lower())


def update_links(con: sqlite3.Connection, *, changed: list[int], removed: list[int]) -> None:
    """Bring link data up to date after articles were written (``changed``) or deleted.

    ``removed`` needs no work of its own: the delete triggers already dropped the terms of
    removed articles and marked their events' clusters dirty.
    """
    with store.transaction(con):
        _write_terms(con, changed)
        new_events = _register_events(con, changed)
        recluster(con, new_events)


class _Terms:
    """The ``terms`` table: every key linking counts by, numbered."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.ids: dict[str, int] = dict(con.execute("SELECT term, id FROM terms"))

    def id(self, term: str, name: str | None = None) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = self.con.execute(
                "INSERT INTO terms(term, name) VALUES (?, ?)", (term, name)
            ).lastrowid
        return found

    def name(self, names: dict[str, str]) -> None:
        for term, name in names.items():
            self.id(term, name)
        self.con.executemany(
            "UPDATE terms SET name = ? WHERE term = ? AND name IS NOT ?",
            [(name, term, name) for term, name in names.items()],
        )


# article terms -----------------------------------------------------------------------


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _weight(count: int) -> float:
    return 1.0 + math.log(count)


def _write_terms(con: sqlite3.Connection, rowids: list[int]) -> None:
    terms, labels, names = _Terms(con), store.Labels(con), {}
    negated = labels.find("negated")
    for chunk in _chunks(rowids):
        marks = ",".join("?" * len(chunk))
        counts: dict[int, dict[str, int]] = {r: {} for r in chunk}
        for article, entity, n in con.execute(
            "SELECT m.article, e.id, count(*) FROM mentions m JOIN entities e ON e.rowid = m.entity"
            f" WHERE m.article IN ({marks}) GROUP BY m.article, m.entity",
            chunk,
        ):
            counts[article][entity] = n
        actors: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for event, entity, name, type_, country, sector, state in con.execute(
            "SELECT p.event, en.id, en.name, en.type, en.country, en.sector, st.name"
            " FROM participants p JOIN entities en ON en.rowid = p.entity"
            " LEFT JOIN entities st ON st.id = 'actor:state:' || en.country"
            f" WHERE p.role = {store.ACTOR} AND p.event IN"
            f" (SELECT rowid FROM events WHERE article IN ({marks}))"
            " ORDER BY p.event, p.position",
            chunk,
        ):
            actors[event].append((entity, name))
            # A state's organs act for it: the State Department's air strikes are also
            # United States air strikes.
            if state and type_ != "state" and sector in STATE_SECTORS:
                actors[event].append((f"actor:state:{country}", state))
        for event, article, type_, mode in con.execute(
            f"SELECT rowid, article, type, mode FROM events WHERE article IN ({marks})"
            " AND modality != ? ORDER BY rowid",
            (*chunk, negated),
        ):
            type_, mode = labels.word[type_], labels.word.get(mode)
            kind = f"event:{type_}:{mode}" if mode else f"event:{type_}"
            label = kind_of_event(type_, mode)
            names[kind] = label
            found = counts[article]
            found[kind] = found.get(kind, 0) + 1
            for entity, name in dict(actors.get(event, ())).items():
                term = f"{kind}@{entity}"
                names[term] = f"{name} {label}"
                found[term] = found.get(term, 0) + 1
        terms.name(names)
        names.clear()
        con.execute(f"DELETE FROM article_terms WHERE article IN ({marks})", chunk)
        rows, linked = [], []
        for article, found in counts.items():
            rows += [(terms.id(t), article, n) for t, n in found.items()]
            norm = math.sqrt(sum(_weight(n) ** 2 for n in found.values())) or 1.0
            linked.append((article, norm))
        con.executemany("INSERT INTO article_terms(term, article, count) VALUES (?,?,?)", rows)
        con.executemany("INSERT OR REPLACE INTO linked_articles VALUES (?,?)", linked)


# same-event clusters -----------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Report:
    """One event as the clusterer sees it."""

    event_id: str
    num: int  # events.rowid
    article: int
    type: str
    mode: str | None  # the mode's family (see MODE_FAMILIES)
    day: date | None
    evidence: int | None  # None: not to be clustered
    clustered: bool
    participants: frozenset[str]  # actor and target entity ids
    areas: frozenset[str]  # admin1-level keys of its places finer than a country

    @property
    def bare(self) -> bool:
        """Nothing to tell it apart ("the strike"): only its article can place it."""
        return not self.participants and not self.areas


def _day(d: dict) -> date | None:
    value, precision = d.get("date"), d.get("date_precision")
    if not value or (precision and precision != "day") or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _area(loc: dict) -> str | None:
    kind = loc.get("precision") or loc.get("type")
    if not kind or kind in COARSE_PLACES or loc.get("type") in COARSE_PLACES:
        return None
    country = loc.get("country") or ""
    if loc.get("type") == "admin1":
        return f"{country}/{loc.get('name')}"
    if loc.get("admin1"):
        return f"{country}/{loc['admin1']}"
    return loc.get("id") or loc.get("name")


def evidence_key(sentence: str, trigger: str) -> int:
    """The same words saying the same thing, whatever article they are in."""
    text = " ".join(f"{sentence}\x00{trigger}".lower().split())
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _clustered(data: dict, day: date | None) -> bool:
    # A month or a year ("since 2011") does not pin down one event.
    return data.get("modality", "asserted") in CLUSTERED_MODALITIES and (
        day is not None or not data.get("date")
    )


def evidence_of(data: dict) -> int | None:
    """The evidence key the index keeps for an event that can be clustered (else None)."""
    if not _clustered(data, _day(data)):
        return None
    return evidence_key(data.get("sentence", ""), data.get("trigger", ""))


_COMPUTE = object()


def report_of(
    num: int, article: int, data: dict, evidence: Any = _COMPUTE, shared: dict | None = None
) -> Report:
    """The report of an event dict (``evidence``: its key if already known, None if it is
    not to be clustered). Reports given the same ``shared`` dict share equal values (the
    same few actors, places and days recur across thousands of reports)."""
    people = {p["id"] for p in data.get("actors", []) + data.get("targets", []) if p.get("id")}
    # Where it happened: the first place finer than a country (places come primary first).
    area = next((a for loc in data.get("locations", []) if (a := _area(loc))), None)
    day = _day(data)
    mode = data.get("mode")
    if evidence is _COMPUTE:
        evidence = evidence_key(data.get("sentence", ""), data.get("trigger", ""))
    share = (lambda v: v) if shared is None else (lambda v: shared.setdefault(v, v))
    return Report(
        event_id=data["event_id"],
        num=num,
        article=article,
        type=data["type"],
        mode=MODE_FAMILIES.get(mode, mode),
        day=share(day),
        evidence=evidence,
        clustered=_clustered(data, day),
        participants=share(frozenset(people)),
        areas=share(frozenset({area} if area else ())),
    )


def same_event(a: Report, b: Report) -> bool:
    """Whether two reports tell of one real-world event."""
    if not (a.clustered and b.clustered) or a.type != b.type:
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if a.article != b.article and a.evidence == b.evidence:
        return True
    if a.day and b.day and abs((a.day - b.day).days) > 1:
        return False
    if a.areas and b.areas and not a.areas & b.areas:
        return False
    shared = bool(a.participants & b.participants or a.areas & b.areas)
    if a.article == b.article:
        return shared or a.bare or b.bare
    return shared and a.day is not None and b.day is not None


def _reports(con: sqlite3.Connection, where: str, args: list) -> list[Report]:
    """Reports of the events ``SELECT ... FROM events {where}`` selects, read from their
    rows (no article text: a report needs only ids, places, type, date and modality)."""
    labels = store.Labels(con)
    word = labels.word
    rows = con.execute(
        "SELECT rowid, event_id, article, type, mode, date, date_precision, modality, evidence"
        f" FROM events {where}",
        args,
    )
    entities: dict[int, tuple] = {}
    shared: dict = {}
    out = []
    while block := rows.fetchmany(500):
        roles: dict[int, dict[str, list[dict]]] = {
            r[0]: {"actors": [], "targets": [], "locations": []} for r in block
        }
        parts = con.execute(
            "SELECT event, role, entity, extra FROM participants"
            f" WHERE event IN ({','.join('?' * len(block))}) ORDER BY event, role, position",
            [r[0] for r in block],
        ).fetchall()
        wanted = sorted({p[2] for p in parts if p[2] is not None} - entities.keys())
        for chunk in _chunks(wanted):
            for row in con.execute(
                f"SELECT {codec.ENTITY_COLUMNS} FROM entities"
                f" WHERE rowid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                entities[row[0]] = tuple(row)
        for event, role, entity, extra in parts:
            role_name = codec.ROLE_NAMES[role]
            found = codec._base(entities.get(entity), role_name == "locations")
            if extra:
                found.update(json.loads(extra))
            roles[event][role_name].append(found)
        for num, event_id, article, type_, mode, day, precision, modality, evidence in block:
            data = {
                "event_id": event_id, "type": word[type_], "mode": word.get(mode), "date": day,
                "date_precision": word.get(precision), "modality": word[modality], **roles[num],
            }  # fmt: skip
            out.append(report_of(num, article, data, evidence, shared))
    return out


def _keys(r: Report) -> frozenset[str]:
    return r.participants | r.areas


def _register_events(con: sqlite3.Connection, rowids: list[int]) -> list[Report]:
    """Reports of the events of these articles, each standing alone until clustered, with
    their keys; the clusters they were in before are marked dirty."""
    reports = []
    terms, labels = _Terms(con), store.Labels(con)
    for chunk in _chunks(rowids):
        marks = ",".join("?" * len(chunk))
        con.execute(
            "INSERT OR IGNORE INTO dirty_clusters(cluster) SELECT cluster FROM events"
            f" WHERE article IN ({marks}) AND cluster IS NOT NULL",
            chunk,
        )
        con.execute(
            f"UPDATE events SET cluster = NULL WHERE article IN ({marks}) AND cluster IS NOT NULL",
            chunk,
        )
        found = _reports(con, f"WHERE article IN ({marks})", chunk)
        con.executemany(
            "INSERT OR IGNORE INTO event_keys(type, key, day, event) VALUES (?,?,?,?)",
            [
                (labels.find(r.type), terms.id(key), r.day.toordinal(), r.num)
                for r in found
                if r.day and r.clustered
                for key in sorted(_keys(r))
            ],
        )
        reports += found
    return reports


def _forget(con: sqlite3.Connection, articles: list[int]) -> None:
    """Before articles are deleted: drop their events' keys, mark their clusters dirty."""
    marks = ",".join("?" * len(articles))
    terms, labels = _Terms(con), store.Labels(con)
    gone = _reports(con, f"WHERE article IN ({marks})", articles)
    con.executemany(
        "DELETE FROM event_keys WHERE type = ? AND key = ? AND day = ? AND event = ?",
        [
            (labels.find(r.type), terms.ids.get(key, -1), r.day.toordinal(), r.num)
            for r in gone
            if r.day and r.clustered
            for key in _keys(r)
        ],
    )
    con.execute(
        "INSERT OR IGNORE INTO dirty_clusters(cluster) SELECT cluster FROM events"
        f" WHERE article IN ({marks}) AND cluster IS NOT NULL",
        articles,
    )


store.DELETE_HOOKS.append(_forget)


class _Reports:
    """Reports loaded on demand, each once."""

    def __init__(self, con: sqlite3.Connection, known: Iterable[Report]):
        self.con = con
        self.cache = {r.event_id: r for r in known}

    def get(self, ids: Iterable[str]) -> list[Report]:
        missing = [i for i in ids if i not in self.cache]
        for chunk in _chunks(missing):
            marks = ",".join("?" * len(chunk))
            for r in _reports(self.con, f"WHERE event_id IN ({marks})", chunk):
                self.cache[r.event_id] = r
        return [self.cache[i] for i in ids if i in self.cache]


def _candidates(con: sqlite3.Connection, r: Report, terms: _Terms, type_: int) -> list[str]:
    """Reports that may tell of the same event as ``r``: in its article, with its words,
    or of its type within a day sharing an actor, a target or an area."""
    ids = {row[0] for row in con.execute(
        "SELECT event_id FROM events WHERE article = ?"
        " UNION SELECT event_id FROM events WHERE evidence = ?",
        (r.article, r.evidence),
    )}  # fmt: skip
    keys = sorted(terms.ids[k] for k in _keys(r) if k in terms.ids)
    if r.day and keys:
        day = r.day.toordinal()
        ids.update(
            row[0]
            for row in con.execute(
                "SELECT e.event_id FROM event_keys k JOIN events e ON e.rowid = k.event"
                f" WHERE k.type = ? AND k.key IN ({','.join('?' * len(keys))})"
                " AND k.day BETWEEN ? AND ?",
                (type_, *keys, day - 1, day + 1),
            )
        )
    ids.discard(r.event_id)
    return sorted(ids)


class _Local:
    """Candidates among the reports of one run, found in memory.

    Reports of a type, key and day are kept apart by mode and area, so that a report
    looks only at those whose mode and area it could share (``same_event`` refuses the
    others unless they are in its article or repeat its words, which are looked up apart).
    """

    def __init__(self, reports: Iterable[Report]):
        self.by_article: dict[int, list[str]] = defaultdict(list)
        self.by_evidence: dict[int, list[str]] = defaultdict(list)
        self.by_key: dict[tuple, dict[tuple, list[str]]] = defaultdict(lambda: defaultdict(list))
        for r in reports:
            self.by_article[r.article].append(r.event_id)
            if r.evidence is not None:
                self.by_evidence[r.evidence].append(r.event_id)
            if r.day and r.clustered:
                kind = (r.mode, next(iter(r.areas), None))
                for key in r.participants | r.areas:
                    self.by_key[(r.type, key, r.day)][kind].append(r.event_id)

    def candidates(self, r: Report) -> list[str]:
        ids = set(self.by_article[r.article])
        if r.evidence is not None:
            ids.update(self.by_evidence[r.evidence])
        if r.day:
            area = next(iter(r.areas), None)
            for key in r.participants | r.areas:
                for delta in (-1, 0, 1):
                    found = self.by_key.get((r.type, key, r.day + timedelta(days=delta)))
                    for (mode, place), events in found.items() if found else ():
                        if r.mode and mode and mode != r.mode:
                            continue
                        if area and place and place != area:
                            continue
                        ids.update(events)
        ids.discard(r.event_id)
        return sorted(ids)


@dataclass(slots=True, frozen=True)
class Extent:
    """The days and areas a cluster covers: a cluster spans at most MAX_SPAN_DAYS, and
    never joins reports from areas it does not share (no chaining across a province)."""

    first: date | None
    last: date | None
    areas: frozenset[str]
    mode: str | None

    @classmethod
    def of(cls, reports: list[Report]) -> Extent:
        days = [r.day for r in reports if r.day and r.clustered]
        areas = (
            reports[0].areas
            if len(reports) == 1
            else frozenset().union(*(r.areas for r in reports))
        )
        mode = next((r.mode for r in reports if r.mode), None)
        return cls(min(days, default=None), max(days, default=None), areas, mode)

    def join(self, other: Extent) -> Extent | None:
        """The extent of both together, or None if they cannot be one event."""
        days = [d for d in (self.first, self.last, other.first, other.last) if d]
        if days and (max(days) - min(days)).days > MAX_SPAN_DAYS:
            return None
        if self.areas and other.areas and not self.areas & other.areas:
            return None
        if self.mode and other.mode and self.mode != other.mode:
            return None
        return Extent(
            min(days, default=None),
            max(days, default=None),
            self.areas | other.areas,
            self.mode or other.mode,
        )


MAX_SPAN_DAYS = 1


def recluster(con: sqlite3.Connection, new: list[Report]) -> None:
    """Cluster new reports and re-cluster the members of dirty clusters.

    Reports joined by ``same_event`` form a cluster, as long as the cluster's ``Extent``
    allows (so that daily shelling of one town over a month does not chain into one
    event). Clusters not touched stay whole: joining a new report to one of their
    members joins it to all of them.
    """
    dirty = [row[0] for row in con.execute("SELECT cluster FROM dirty_clusters")]
    members: list[str] = []
    for chunk in _chunks(dirty):
        marks = ",".join("?" * len(chunk))
        members += [
            row[0]
            for row in con.execute(f"SELECT event_id FROM events WHERE cluster IN ({marks})", chunk)
        ]
    reports = _Reports(con, new)
    fresh = {r.event_id for r in new}
    work = {r.event_id: r for r in reports.get(sorted({r.event_id for r in new} | set(members)))}
    if not work:
        con.execute("DELETE FROM dirty_clusters")
        return
    local = _Local(work.values())
    # Reports outside this run are looked up in the index; on a first run there are none.
    outside = con.execute("SELECT count(*) FROM events").fetchone()[0] > len(work)
    terms, labels = _Terms(con), store.Labels(con)
    parent: dict[str, str] = {}
    extent: dict[str, Extent] = {}

    def find(x: str) -> str:
        if x not in parent:
            parent[x] = x
            if x.startswith("\x00"):  # a stable cluster, whole
                extent[x] = Extent.of(reports.get(_members(con, x[1:])))
            else:
                extent[x] = Extent.of([work[x]])
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    refused: set[tuple[str, str]] = set()  # roots whose extents cannot join (nor ever will)

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx == ry or (rx, ry) in refused:
            return
        joined = extent[rx].join(extent[ry])
        if joined is None:
            refused.add((rx, ry))
            return
        root, child = min(rx, ry), max(rx, ry)
        parent[child] = root
        extent[root] = joined

    for event_id in sorted(work):
        r = work[event_id]
        find(event_id)
        if not r.clustered:
            continue
        # A pair within the run is weighed once, from its earlier member: a join refused
        # then is refused later too (extents only grow).
        found = [o for o in local.candidates(r) if o > event_id]
        if outside:
            known = [o for o in _candidates(con, r, terms, labels.find(r.type)) if o not in work]
            if known:
                reports.get(known)
                found = sorted({*found, *known})
        mine = find(event_id)
        for o in found:
            other = work.get(o) or reports.cache.get(o)
            if other is None or (o in parent and find(o) == mine):
                continue
            if not same_event(r, other):
                continue
            if o in work:
                union(event_id, o)
            else:
                union(event_id, "\x00" + _cluster(con, o))
            mine = find(event_id)

    groups: dict[str, list[str]] = defaultdict(list)
    for node in list(parent):
        groups[find(node)].append(node)
    assign, renames = [], []
    for nodes in groups.values():
        events = [n for n in nodes if not n.startswith("\x00")]
        stable = [n[1:] for n in nodes if n.startswith("\x00")]
        name = min(events + stable)  # the earliest id among its members names the cluster
        number = work[name].num if name in work else _number(con, name)
        if len(nodes) > 1:
            assign += [(number, work[e].num) for e in events]
        else:  # new reports stand alone already (see _register_events)
            assign += [(None, work[e].num) for e in events if e not in fresh]
        renames += [(number, n, n) for n in map(lambda s: _number(con, s), stable)]
    con.executemany("UPDATE events SET cluster = ? WHERE rowid = ?", assign)
    con.executemany("UPDATE events SET cluster = ? WHERE rowid = ? OR cluster = ?", renames)
    con.execute("DELETE FROM dirty_clusters")


def _number(con: sqlite3.Connection, event_id: str) -> int:
    return con.execute("SELECT rowid FROM events WHERE event_id = ?", (event_id,)).fetchone()[0]


def _members(con: sqlite3.Connection, name: str) -> list[str]:
    """The events of the cluster named by event ``name`` (it alone if it stands alone)."""
    number = _number(con, name)
    return [r[0] for r in con.execute(
        "SELECT event_id FROM events WHERE rowid = ? OR cluster = ?", (number, number)
    )]  # fmt: skip


def _cluster(con: sqlite3.Connection, event_id: str) -> str:
    """The name of the cluster an event is in (its own id if it stands alone)."""
    row = con.execute(
        "SELECT coalesce(c.event_id, e.event_id) FROM events e"
        " LEFT JOIN events c ON c.rowid = e.cluster WHERE e.event_id = ?",
        (event_id,),
    ).fetchone()
    return row[0] if row else event_id

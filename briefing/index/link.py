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

from briefing.index import store

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


# article terms -----------------------------------------------------------------------


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _weight(count: int) -> float:
    return 1.0 + math.log(count)


def _write_terms(con: sqlite3.Connection, rowids: list[int]) -> None:
    names: dict[str, str] = {}
    for chunk in _chunks(rowids):
        marks = ",".join("?" * len(chunk))
        counts: dict[int, dict[str, int]] = {r: {} for r in chunk}
        for article, entity, n in con.execute(
            f"SELECT article, entity, count(*) FROM mentions WHERE article IN ({marks})"
            " GROUP BY article, entity",
            chunk,
        ):
            counts[article][entity] = n
        actors: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for event_id, entity, name, type_, country, sector, state in con.execute(
            "SELECT ee.event_id, ee.entity, en.name, en.type, en.country, en.sector, st.name"
            " FROM event_entities ee JOIN entities en ON en.id = ee.entity"
            " LEFT JOIN entities st ON st.id = 'actor:state:' || en.country"
            " WHERE ee.role = 'actor' AND ee.event_id IN"
            f" (SELECT event_id FROM events WHERE article IN ({marks}))",
            chunk,
        ):
            actors[event_id].append((entity, name))
            # A state's organs act for it: the State Department's air strikes are also
            # United States air strikes.
            if state and type_ != "state" and sector in STATE_SECTORS:
                actors[event_id].append((f"actor:state:{country}", state))
        for event_id, article, type_, mode in con.execute(
            f"SELECT event_id, article, type, mode FROM events WHERE article IN ({marks})"
            " AND modality != 'negated'",
            chunk,
        ):
            kind = f"event:{type_}:{mode}" if mode else f"event:{type_}"
            label = kind_of_event(type_, mode)
            names[kind] = label
            terms = counts[article]
            terms[kind] = terms.get(kind, 0) + 1
            for entity, name in dict(actors.get(event_id, ())).items():
                term = f"{kind}@{entity}"
                names[term] = f"{name} {label}"
                terms[term] = terms.get(term, 0) + 1
        rows, linked = [], []
        for article, terms in counts.items():
            weights = {t: _weight(n) for t, n in terms.items()}
            rows += [(t, article, w) for t, w in weights.items()]
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            linked.append((article, len(weights), norm))
        con.executemany("INSERT OR REPLACE INTO article_terms VALUES (?,?,?)", rows)
        con.executemany("INSERT OR REPLACE INTO linked_articles VALUES (?,?,?)", linked)
    con.executemany(
        "INSERT OR REPLACE INTO term_names(term, name) VALUES (?,?)", list(names.items())
    )


# same-event clusters -----------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Report:
    """One event as the clusterer sees it."""

    event_id: str
    article: int
    type: str
    mode: str | None  # the mode's family (see MODE_FAMILIES)
    day: date | None
    evidence: str
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


def evidence_key(sentence: str, trigger: str) -> str:
    """The same words saying the same thing, whatever article they are in."""
    text = " ".join(f"{sentence}\x00{trigger}".lower().split())
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def report_of(event_id: str, article: int, data: dict) -> Report:
    people = {p["id"] for p in data.get("actors", []) + data.get("targets", []) if p.get("id")}
    # Where it happened: the first place finer than a country (places come primary first).
    area = next((a for loc in data.get("locations", []) if (a := _area(loc))), None)
    day = _day(data)
    mode = data.get("mode")
    return Report(
        event_id=event_id,
        article=article,
        type=data["type"],
        mode=MODE_FAMILIES.get(mode, mode),
        day=day,
        evidence=evidence_key(data.get("sentence", ""), data.get("trigger", "")),
        # A month or a year ("since 2011") does not pin down one event.
        clustered=data.get("modality", "asserted") in CLUSTERED_MODALITIES
        and (day is not None or not data.get("date")),
        participants=frozenset(people),
        areas=frozenset({area} if area else ()),
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


def _register_events(con: sqlite3.Connection, rowids: list[int]) -> list[Report]:
    reports = []
    for chunk in _chunks(rowids):
        marks = ",".join("?" * len(chunk))
        for event_id, article, data in con.execute(
            f"SELECT event_id, article, data FROM events WHERE article IN ({marks})", chunk
        ):
            reports.append(report_of(event_id, article, json.loads(data)))
    con.executemany(
        "INSERT OR REPLACE INTO event_links(event_id, article, cluster, type, day, evidence)"
        " VALUES (?,?,?,?,?,?)",
        [
            (r.event_id, r.article, r.event_id, r.type, r.day and r.day.isoformat(), r.evidence)
            for r in reports
        ],
    )
    for chunk in _chunks([r.event_id for r in reports]):
        con.execute(
            f"DELETE FROM event_keys WHERE event_id IN ({','.join('?' * len(chunk))})", chunk
        )
    con.executemany(
        "INSERT OR IGNORE INTO event_keys(type, key, day, event_id) VALUES (?,?,?,?)",
        [
            (r.type, key, r.day.isoformat(), r.event_id)
            for r in reports
            if r.day and r.clustered
            for key in r.participants | r.areas
        ],
    )
    return reports


class _Reports:
    """Reports loaded on demand, each once."""

    def __init__(self, con: sqlite3.Connection, known: Iterable[Report]):
        self.con = con
        self.cache = {r.event_id: r for r in known}

    def get(self, ids: Iterable[str]) -> list[Report]:
        missing = [i for i in ids if i not in self.cache]
        for chunk in _chunks(missing):
            marks = ",".join("?" * len(chunk))
            for event_id, article, data in self.con.execute(
                f"SELECT event_id, article, data FROM events WHERE event_id IN ({marks})", chunk
            ):
                self.cache[event_id] = report_of(event_id, article, json.loads(data))
        return [self.cache[i] for i in ids if i in self.cache]


def _candidates(con: sqlite3.Connection, r: Report) -> list[str]:
    """Reports that may tell of the same event as ``r``: in its article, with its words,
    or of its type within a day sharing an actor, a target or an area."""
    ids = {row[0] for row in con.execute(
        "SELECT event_id FROM event_links WHERE article = ?"
        " UNION SELECT event_id FROM event_links WHERE evidence = ?",
        (r.article, r.evidence),
    )}  # fmt: skip
    keys = sorted(r.participants | r.areas)
    if r.day and keys:
        ids.update(
            row[0]
            for row in con.execute(
                f"SELECT event_id FROM event_keys WHERE type = ? AND key IN ({','.join('?' * len(keys))})"
                " AND day BETWEEN ? AND ?",
                (
                    r.type,
                    *keys,
                    (r.day - timedelta(days=1)).isoformat(),
                    (r.day + timedelta(days=1)).isoformat(),
                ),
            )
        )
    ids.discard(r.event_id)
    return sorted(ids)


class _Local:
    """Candidates among the reports of one run, found in memory."""

    def __init__(self, reports: Iterable[Report]):
        self.by_article: dict[int, list[str]] = defaultdict(list)
        self.by_evidence: dict[str, list[str]] = defaultdict(list)
        self.by_key: dict[tuple, list[str]] = defaultdict(list)
        for r in reports:
            self.by_article[r.article].append(r.event_id)
            self.by_evidence[r.evidence].append(r.event_id)
            if r.day and r.clustered:
                for key in r.participants | r.areas:
                    self.by_key[(r.type, key, r.day)].append(r.event_id)

    def candidates(self, r: Report) -> list[str]:
        ids = set(self.by_article[r.article]) | set(self.by_evidence[r.evidence])
        if r.day:
            for key in r.participants | r.areas:
                for delta in (-1, 0, 1):
                    ids.update(self.by_key.get((r.type, key, r.day + timedelta(days=delta)), ()))
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
        areas = frozenset().union(*(r.areas for r in reports))
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
            for row in con.execute(
                f"SELECT event_id FROM event_links WHERE cluster IN ({marks})", chunk
            )
        ]
    reports = _Reports(con, new)
    work = {r.event_id: r for r in reports.get(sorted({r.event_id for r in new} | set(members)))}
    if not work:
        con.execute("DELETE FROM dirty_clusters")
        return
    local = _Local(work.values())
    # Reports outside this run are looked up in the index; on a first run there are none.
    outside = con.execute("SELECT count(*) FROM event_links").fetchone()[0] > len(work)
    parent: dict[str, str] = {}
    extent: dict[str, Extent] = {}

    def find(x: str) -> str:
        if x not in parent:
            parent[x] = x
            if x.startswith("\x00"):  # a stable cluster, whole
                ids = [r[0] for r in con.execute(
                    "SELECT event_id FROM event_links WHERE cluster = ?", (x[1:],)
                )]  # fmt: skip
                extent[x] = Extent.of(reports.get(ids))
            else:
                extent[x] = Extent.of([work[x]])
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx == ry:
            return
        joined = extent[rx].join(extent[ry])
        if joined is None:
            return
        root, child = min(rx, ry), max(rx, ry)
        parent[child] = root
        extent[root] = joined

    for event_id in sorted(work):
        r = work[event_id]
        find(event_id)
        if not r.clustered:
            continue
        found = local.candidates(r)
        if outside:
            found = sorted(set(found) | set(_candidates(con, r)))
        for other in reports.get(found):
            if other.event_id in parent and find(other.event_id) == find(event_id):
                continue
            if not same_event(r, other):
                continue
            if other.event_id in work:
                union(event_id, other.event_id)
            else:
                union(event_id, "\x00" + _cluster(con, other.event_id))

    groups: dict[str, list[str]] = defaultdict(list)
    for node in list(parent):
        groups[find(node)].append(node)
    assign, renames = [], []
    for nodes in groups.values():
        events = [n for n in nodes if not n.startswith("\x00")]
        stable = [n[1:] for n in nodes if n.startswith("\x00")]
        name = min(events + stable)  # the earliest id among its members names the cluster
        assign += [(name, e) for e in events]
        renames += [(name, s) for s in stable if s != name]
    con.executemany("UPDATE event_links SET cluster = ? WHERE event_id = ?", assign)
    con.executemany("UPDATE event_links SET cluster = ? WHERE cluster = ?", renames)
    con.execute("DELETE FROM dirty_clusters")


def _cluster(con: sqlite3.Connection, event_id: str) -> str:
    row = con.execute("SELECT cluster FROM event_links WHERE event_id = ?", (event_id,)).fetchone()
    return row[0] if row else event_id

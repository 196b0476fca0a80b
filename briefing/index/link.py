"""Links between articles, events and entities, computed at index time.

Two things are kept up to date here, incrementally, after each indexing run:

* **Article terms** (``article_terms``): what each article is about, as weighted terms —
  the actors and places it names and the kinds of events it reports (``air strikes``,
  ``United States air strikes``). Related articles are ranked from them at query time
  with IDF weights (see ``briefing.index.related``).
* **Same-event clusters** (``events.cluster``): reports of one real-world event, in
  several articles or twice in one, grouped as GDELT counts NumSources and NumArticles.
  Two reports are the same event when they have the same type (and compatible mode),
  share an actor, a target or a place at admin1 level or finer, have no conflicting
  place, and fall within a day of each other. Undated reports join only reports in the
  same article, or reports with identical evidence (duplicated or syndicated texts).

Deleting an article (triggers and ``store.DELETE_HOOKS``) drops its terms and marks the
clusters of its events dirty; ``update_links`` re-clusters only dirty clusters and new
events. Their reports stream from SQL in day order and each is weighed against the whole
clusters of its day and the day before that share a key with it (found by key, area and
mode, not by a walk through all), and against those of earlier runs near it (asked of the
index once for all the reports of a day that share a key), so time grows with the number
of reports and memory with one day's worth of them.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from briefing.index import codec, eventkey, mentionpack, store

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


def update_links(
    con: sqlite3.Connection, *, changed: list[int], removed: list[int], terms: bool = True
) -> None:
    """Bring link data up to date after articles were written (``changed``) or deleted.

    ``removed`` needs no work of its own: the delete triggers already dropped the terms of
    removed articles and marked their events' clusters dirty. ``terms=False``: the
    changed articles' terms are written already (the indexer writes them with each batch,
    see ``ArticleTerms``); only same-event clusters are left.
    """
    with store.transaction(con):
        if terms:
            ArticleTerms(con).write(changed)
        _register_events(con, changed)
        recluster(con)


class _Terms:
    """The ``terms`` table: every key linking counts by, numbered."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.ids: dict[str, int] = dict(con.execute("SELECT term, id FROM terms"))

    def id(self, term: str, name: str | None = None) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.con.execute(
                "INSERT INTO terms(term, name) VALUES (?, ?)", (term, name)
            ).lastrowid
            assert found is not None
            self.ids[term] = found
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


class ArticleTerms:
    """Writes the terms of articles; one per indexing run, so that the term and label
    tables are read once however many batches it writes."""

    def __init__(self, con: sqlite3.Connection, labels: store.Labels | None = None):
        # ``labels``: the writer's, which learns the labels of the events it writes
        self.con, self.terms, self.labels = con, _Terms(con), labels or store.Labels(con)

    def write(self, rowids: list[int]) -> None:
        """The terms of these articles, as the index holds them."""
        negated = self.labels.find("negated")
        for chunk in _chunks(rowids):
            self.write_counted(_counted(self.con, chunk, self.labels, negated))

    def write_counted(self, articles: list[tuple[int, Counted]]) -> None:
        """The terms of articles given as what they count (see ``count_terms``): the
        indexer's writer has them at hand as it writes the articles."""
        names: dict[str, str] = {}
        counts = {article: count_terms(counted, names) for article, counted in articles}
        _store_terms(self.con, counts, names, self.terms)


# What an article's terms count: the entities it names with how often (by entity number),
# and its events that are not negated (type, mode, and the actors' ids and names).
EventTerms = tuple[str, str | None, list[tuple[str, str]]]
Counted = tuple[list[tuple[str, int]], list[EventTerms]]


def actor_terms(
    entity: str, name: str, type_: str | None, country: str | None, sector: str | None,
    state: str | None,
) -> list[tuple[str, str]]:  # fmt: skip
    """An event's actor as its terms count it (id, name), with the state whose organ it is
    (``state``: the name of the country's state entity, if the index holds one): the State
    Department's air strikes are also United States air strikes."""
    if state and type_ != "state" and sector in STATE_SECTORS:
        return [(entity, name), (f"actor:state:{country}", state)]
    return [(entity, name)]


def count_terms(counted: Counted, names: dict[str, str]) -> dict[str, int]:
    """An article's terms with how often each comes up; ``names`` learns how an analyst
    reads the terms of kinds of event."""
    entities, events = counted
    found = dict(entities)
    for type_, mode, actors in events:
        kind = f"event:{type_}:{mode}" if mode else f"event:{type_}"
        label = kind_of_event(type_, mode)
        names[kind] = label
        found[kind] = found.get(kind, 0) + 1
        for entity, name in dict(actors).items():
            term = f"{kind}@{entity}"
            names[term] = f"{name} {label}"
            found[term] = found.get(term, 0) + 1
    return found


def _counted(
    con: sqlite3.Connection, chunk: list[int], labels: store.Labels, negated: int
) -> list[tuple[int, Counted]]:
    """What the terms of these articles count, read from the index."""
    marks = ",".join("?" * len(chunk))
    named: dict[int, Counter[int]] = {
        article: Counter(mentionpack.entities(spans))
        for article, spans in con.execute(
            f"SELECT article, spans FROM mentions WHERE article IN ({marks})", chunk
        )
    }
    numbers = sorted({e for found in named.values() for e in found})
    entity_id = dict(
        con.execute(
            f"SELECT rowid, id FROM entities WHERE rowid IN ({','.join('?' * len(numbers))})",
            numbers,
        )
    )
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
        actors[event] += actor_terms(entity, name, type_, country, sector, state)
    events: dict[int, list[EventTerms]] = {article: [] for article in chunk}
    for event, article, type_, mode in con.execute(
        f"SELECT rowid, article, type, mode FROM events WHERE article IN ({marks})"
        " AND modality != ? ORDER BY rowid",
        (*chunk, negated),
    ):
        events[article].append((labels.word[type_], labels.word.get(mode), actors[event]))
    return [
        (
            article,
            (
                [
                    (entity_id[number], n)
                    for number, n in sorted(named.get(article, Counter()).items())
                    if number in entity_id
                ],
                events[article],
            ),
        )
        for article in chunk
    ]


def _store_terms(
    con: sqlite3.Connection, counts: dict[int, dict[str, int]], names: dict[str, str],
    terms: _Terms,
) -> None:  # fmt: skip
    """Put these articles' term counts in place of those the index had for them."""
    terms.name(names)
    articles = list(counts)
    for chunk in _chunks(articles):
        con.execute(
            "DELETE FROM article_terms WHERE (term, article) IN (SELECT j.value, l.article"
            " FROM linked_articles l, json_each(l.terms) j"
            f" WHERE l.article IN ({','.join('?' * len(chunk))}))",
            chunk,
        )
    rows, linked = [], []
    for article, found in counts.items():
        numbers = [terms.id(t) for t in found]
        rows += [(number, article, n) for number, n in zip(numbers, found.values(), strict=True)]
        norm = math.sqrt(sum(_weight(n) ** 2 for n in found.values())) or 1.0
        linked.append((article, norm, store.dumps(sorted(numbers))))
    con.executemany("INSERT INTO article_terms(term, article, count) VALUES (?,?,?)", rows)
    con.executemany("INSERT OR REPLACE INTO linked_articles VALUES (?,?,?)", linked)


# same-event clusters -----------------------------------------------------------------


# Reports and extents are values nothing changes once made. They are not frozen: mypyc
# builds a frozen dataclass through object.__setattr__, one field at a time (2 s of
# clustering 100k articles went into making reports so).
@dataclass(slots=True)
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
    return _day_of(d.get("date"), d.get("date_precision"))


def _day_of(value: str | None, precision: str | None) -> date | None:
    """The day a date says, if it says one (not a month, a year or a garbled day)."""
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
        mode=MODE_FAMILIES.get(mode, mode) if mode else mode,
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


def _reports(
    con: sqlite3.Connection, where: str, args: list | tuple, labels: store.Labels | None = None
) -> Iterator[Report]:
    """Reports of the events ``SELECT ... FROM events {where}`` selects, in its order."""
    return _Reader(con, labels or store.Labels(con)).reports(where, args)


# A participant row as a report reads it: its entity (rowid) and its extra.
_Part = tuple[int | None, int | str | None]
CACHED = 50_000  # entries each of the reader's caches holds before it starts again


# An event's participants (their ids) and area, as its report has them.
_Roles = tuple[frozenset[Any], str | None]
_NOBODY: _Roles = (frozenset(), None)


class _Known:
    """The participants and area of every event by rowid, in 4 bytes an event: the
    number of one of the few distinct pairs."""

    def __init__(self, last: int):
        self.numbers = array("i", bytes(4 * (last + 1)))  # 0: none
        self.pairs: list[_Roles] = [_NOBODY]
        self.number: dict[_Roles, int] = {_NOBODY: 0}

    def put(self, event: int, roles: _Roles) -> None:
        number = self.number.get(roles)
        if number is None:
            number = self.number[roles] = len(self.pairs)
            self.pairs.append(roles)
        self.numbers[event] = number

    def of(self, event: int) -> _Roles:
        return self.pairs[self.numbers[event]] if event < len(self.numbers) else _NOBODY


class _Reader:
    """Reads reports from their events' rows a block at a time (no article text: a report
    needs only ids, places, type, date and modality). What recurs across thousands of
    reports is worked out once: an entity's row, the id or area a participant row gives
    (its entity with its extra), and equal sets of participants, areas and days, which
    reports then share."""

    def __init__(self, con: sqlite3.Connection, labels: store.Labels):
        self.con, self.labels = con, labels
        self.entities: dict[int, tuple] = {}
        self.people: dict[_Part, Any] = {}  # the participant's id (or None)
        self.places: dict[_Part, str | None] = {}  # the place's area (or None)
        self.shared: dict[Any, Any] = {}
        self.known: _Known | None = None  # every event's participants and area (know_all)

    def reports(
        self, where: str, args: list | tuple, clustered_only: bool = False
    ) -> Iterator[Report]:
        """Reports of the events ``SELECT ... FROM events {where}`` selects, in its order
        (``clustered_only``: of those to be clustered)."""
        rows = _tuples(self.con).execute(
            "SELECT rowid, event_id, article, type, mode, date, date_precision, modality,"
            f" evidence FROM events {where}",
            args,
        )
        while block := rows.fetchmany(500):
            # a whole block before the first is yielded: the caches may be emptied by
            # another read while the caller holds one
            if clustered_only:
                block = [row for row in block if self._clustered(row)]
            yield from self._block(block)

    def _clustered(self, row: tuple) -> bool:
        """Whether the event of ``row`` is to be clustered (see ``_clustered``)."""
        word, value = self.labels.word, row[5]
        if word[row[7]] not in CLUSTERED_MODALITIES:
            return False
        return not value or _day_of(value, word.get(row[6])) is not None

    def _block(self, block: list[tuple]) -> list[Report]:
        if not block:
            return []
        if self.known is not None:
            found = [self.known.of(row[0]) for row in block]
        else:
            roles = self._roles(self._participants([row[0] for row in block]))
            found = [roles.get(row[0], _NOBODY) for row in block]
        out = [self._report(row, r[0], r[1]) for row, r in zip(block, found, strict=True)]
        if max(len(self.entities), len(self.people), len(self.places)) > CACHED:
            self.entities, self.people, self.places = {}, {}, {}
            self.shared = {}  # bounded memory over a large index
        return out

    def _roles(self, parts: list[tuple]) -> dict[int, _Roles]:
        """The participants (their ids) and the area of each event of ``parts``, the
        (event, role, entity, extra) rows of its participants in order."""
        people: dict[int, set[Any]] = {}
        areas: dict[int, str | None] = {}
        for event, role, entity, extra in parts:
            areas.setdefault(event, None)
            if role == store.LOCATION:
                # where it happened: the first place finer than a country (primary first)
                if not areas[event]:
                    areas[event] = self._place(entity, extra) or None
            elif who := self._person(entity, extra):
                people.setdefault(event, set()).add(who)
        shared = self.shared
        out: dict[int, _Roles] = {}
        for event, area in areas.items():
            who = frozenset(people.get(event, ()))
            out[event] = (shared.setdefault(who, who), area)
        return out

    def know_all(self) -> None:
        """Work out the participants and area of every event at once, reading the
        participants table in its order: when most events are to be read, a third of
        the time of finding those of each block of reports, which come in day order."""
        cursor = _tuples(self.con)
        (last,) = cursor.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()
        known = _Known(last)
        rows = cursor.execute(
            "SELECT event, role, entity, extra FROM participants ORDER BY event, role, position"
        )
        held: list[tuple] = []  # the rows of an event the next block may go on with
        while block := rows.fetchmany(5000):
            block = held + block
            cut = len(block) - 1
            while cut > 0 and block[cut - 1][0] == block[-1][0]:
                cut -= 1
            held = block[cut:]
            self._know(known, block[:cut])
        self._know(known, held)
        self.known = known

    def _know(self, known: _Known, parts: list[tuple]) -> None:
        self._fetch_entities(parts)
        for event, roles in self._roles(parts).items():
            known.put(event, roles)
        if max(len(self.entities), len(self.people), len(self.places)) > CACHED:
            self.entities, self.people, self.places = {}, {}, {}

    def _participants(self, events: list[int]) -> list[tuple]:
        """The (event, role, entity, extra) rows of these events, in order; their
        entities' rows are read too."""
        parts = _rows(
            self.con,
            "SELECT event, role, entity, extra FROM participants"
            f" WHERE event IN ({','.join('?' * len(events))}) ORDER BY event, role, position",
            events,
        )
        self._fetch_entities(parts)
        return parts

    def _fetch_entities(self, parts: list[tuple]) -> None:
        """Read the rows of the entities of these participant rows not read yet."""
        wanted = sorted({p[2] for p in parts if p[2] is not None} - self.entities.keys())
        cursor = _tuples(self.con)
        for chunk in _chunks(wanted):
            for row in cursor.execute(
                f"SELECT {codec.ENTITY_COLUMNS} FROM entities"
                f" WHERE rowid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                self.entities[row[0]] = row

    def _fields(self, entity: int | None, extra: int | str | None, location: bool) -> dict:
        """A participant's fields as its event dict has them."""
        found = codec._base(None if entity is None else self.entities.get(entity), location)
        if extra:
            found.update(codec.extra_of(extra, self.labels))
        return found

    def _person(self, entity: int | None, extra: int | str | None) -> Any:
        part = (entity, extra)
        if part not in self.people:
            self.people[part] = self._fields(entity, extra, False).get("id")
        return self.people[part]

    def _place(self, entity: int | None, extra: int | str | None) -> str | None:
        part = (entity, extra)
        if part not in self.places:
            self.places[part] = _area(self._fields(entity, extra, True))
        return self.places[part]

    def _report(self, row: tuple, participants: frozenset[Any], area: str | None) -> Report:
        """As ``report_of`` the event dict of ``row`` (with ``participants``' ids and the
        event's ``area``) would be, its evidence as the row has it."""
        num, event_id, article, type_, mode, value, precision, modality, evidence = row
        word, shared = self.labels.word, self.shared
        day = _day_of(value, word.get(precision))
        family = word.get(mode)
        if family:
            family = MODE_FAMILIES.get(family, family)
        places = frozenset({area} if area else ())
        return Report(
            event_id=eventkey.name(event_id),
            num=num,
            article=article,
            type=word[type_],
            mode=family,
            day=shared.setdefault(day, day),
            evidence=evidence,
            clustered=word[modality] in CLUSTERED_MODALITIES and (day is not None or not value),
            participants=shared.setdefault(participants, participants),
            areas=shared.setdefault(places, places),
        )


def _keys(r: Report) -> frozenset[str]:
    return r.participants | r.areas


# The events a run (re-)clusters: those of changed articles and the members of dirty
# clusters, numbered in a temporary table so that they stream from SQL in day order.
WORK = "temp.link_work"


def _register_events(con: sqlite3.Connection, rowids: list[int]) -> None:
    """Put the events of these articles and the members of dirty clusters in ``WORK``,
    each standing alone until clustered (``recluster`` indexes their keys)."""
    con.execute("CREATE TEMP TABLE IF NOT EXISTS link_work (event INTEGER PRIMARY KEY)")
    con.execute(f"DELETE FROM {WORK}")
    for chunk in _chunks(rowids):
        marks = ",".join("?" * len(chunk))
        con.execute(
            "INSERT OR IGNORE INTO dirty_clusters(cluster) SELECT cluster FROM events"
            f" WHERE article IN ({marks}) AND cluster IS NOT NULL",
            chunk,
        )
        con.execute(
            f"INSERT INTO {WORK} SELECT rowid FROM events WHERE article IN ({marks})", chunk
        )
    con.execute(
        f"INSERT OR IGNORE INTO {WORK} SELECT rowid FROM events"
        " WHERE cluster IN (SELECT cluster FROM dirty_clusters)"
    )
    con.execute(
        f"UPDATE events SET cluster = NULL WHERE rowid IN (SELECT event FROM {WORK})"
        " AND cluster IS NOT NULL"
    )
    con.execute("DELETE FROM dirty_clusters")


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


@dataclass(slots=True)
class Extent:
    """The days and areas a cluster covers: a cluster spans at most MAX_SPAN_DAYS, and
    never joins reports from areas it does not share (no chaining across a province)."""

    first: date | None
    last: date | None
    areas: frozenset[str]
    mode: str | None

    @classmethod
    def of(cls, reports: list[Report]) -> Extent:
        if len(reports) == 1:
            r = reports[0]
            day = r.day if r.day and r.clustered else None
            return cls(day, day, r.areas, r.mode or None)
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
        first = _earliest(_earliest(self.first, self.last), _earliest(other.first, other.last))
        last = _latest(_latest(self.first, self.last), _latest(other.first, other.last))
        if first is not None and last is not None and (last - first).days > MAX_SPAN_DAYS:
            return None
        areas, theirs = self.areas, other.areas
        if areas and theirs and areas.isdisjoint(theirs):
            return None
        if self.mode and other.mode and self.mode != other.mode:
            return None
        if not theirs <= areas:
            areas = theirs if areas <= theirs else areas | theirs
        mode = self.mode or other.mode
        if first == self.first and last == self.last and areas is self.areas and mode == self.mode:
            return self  # (most joins: a report within its cluster's days and area)
        return Extent(first, last, areas, mode)


def _earliest(a: date | None, b: date | None) -> date | None:
    return a if b is None or (a is not None and a <= b) else b


def _latest(a: date | None, b: date | None) -> date | None:
    return a if b is None or (a is not None and a >= b) else b


MAX_SPAN_DAYS = 1


@dataclass(slots=True, eq=False)
class _Cluster:
    """A same-event cluster as the clusterer builds it: what a report must share with it
    to join (``_fits``), and its members to write."""

    name: str  # the earliest event id among its members names it
    number: int  # that event's rowid (events.cluster of its members)
    type: str
    extent: Extent
    keys: set[str]  # actors, targets and areas of its dated members
    articles: set[int]
    bare: set[int]  # articles with a member too bare to tell apart
    evidence: dict[int, set[int]]  # evidence key -> articles saying it
    members: list[int]  # rowids of members from this run
    stable: list[int]  # numbers of clusters from earlier runs merged in
    size: int = 0
    parent: _Cluster | None = None
    done: bool = False

    @classmethod
    def of(cls, r: Report, extent: Extent | None = None) -> _Cluster:
        extent = extent or Extent.of([r])
        c = cls(r.event_id, r.num, r.type, extent, set(), set(), set(), {}, [], [])
        c.add(r)
        return c

    def add(self, r: Report, keys: frozenset[str] | None = None, member: bool = True) -> None:
        """Take report ``r`` (``keys``: its keys, if worked out already)."""
        if r.day:
            self.keys |= _keys(r) if keys is None else keys
        self.articles.add(r.article)
        if r.bare:
            self.bare.add(r.article)
        if r.evidence is not None:
            saying = self.evidence.get(r.evidence)
            if saying is None:
                self.evidence[r.evidence] = {r.article}
            else:
                saying.add(r.article)
        if member:
            self.members.append(r.num)
        self.size += 1
        if r.event_id < self.name:
            self.name, self.number = r.event_id, r.num

    def root(self) -> _Cluster:
        c = self
        while c.parent is not None:
            c = c.parent
        node = self
        while node.parent is not None and node.parent is not c:
            node.parent, node = c, node.parent
        return c

    def absorb(self, other: _Cluster, extent: Extent) -> None:
        self.extent = extent
        self.keys |= other.keys
        self.articles |= other.articles
        self.bare |= other.bare
        for key, articles in other.evidence.items():
            self.evidence.setdefault(key, set()).update(articles)
        self.members += other.members
        self.stable += other.stable
        self.size += other.size
        if other.name < self.name:
            self.name, self.number = other.name, other.number
        other.parent = self
        other.keys, other.articles, other.bare, other.evidence = set(), set(), set(), {}
        other.members, other.stable = [], []


def _fits(r: Report, c: _Cluster, keys: frozenset[str]) -> bool:
    """Whether dated report ``r`` (with ``keys``) tells of the event of cluster ``c`` (as
    ``same_event`` with one of its members; days, areas and mode are the extent's to
    check)."""
    if r.type != c.type:
        return False
    if r.evidence is not None:
        # the same words in another article
        saying = c.evidence.get(r.evidence)
        if saying and (len(saying) > 1 or r.article not in saying):
            return True
    if not keys.isdisjoint(c.keys):
        return True
    return r.article in c.articles and (r.bare or r.article in c.bare)


def _put(clusters: list[_Cluster], c: _Cluster) -> None:
    if c not in clusters:
        clusters.append(c)


def _roots(clusters: list[_Cluster]) -> list[_Cluster]:
    """The clusters of a list as they are now (merged ones by what they merged into),
    each once; the list is kept so."""
    for c in clusters:
        if c.parent is not None:
            clusters[:] = {id(r): r for r in [each.root() for each in clusters]}.values()
            break
    return clusters


# Clusters filed under one key on one day, by the area and the mode they had when filed
# (a report need not look at clusters of another mode or area, which cannot take it).
_Filed = dict[str | None, dict[str | None, list[_Cluster]]]


class _Clusterer:
    """Clusters dated reports streamed in day order, keeping only the clusters that a
    report of the current day could still join (those reaching the day before)."""

    def __init__(self, con: sqlite3.Connection, outside: bool, reader: _Reader):
        self.con, self.reader = con, reader
        self.outside = outside  # reports of earlier runs to look up in the index
        self.terms, self.labels = _Terms(con), reader.labels
        self.today: date | None = None
        # Per day: clusters by (type, key), by article, by evidence; clusters to close.
        self.by_key: dict[date, dict[tuple[str, str], _Filed]] = {}
        self.by_article: dict[date, dict[int, list[_Cluster]]] = {}
        self.by_evidence: dict[date, dict[int, list[_Cluster]]] = {}
        self.closing: dict[date, list[_Cluster]] = defaultdict(list)
        self.loaded: dict[int, _Cluster | None] = {}  # clusters of earlier runs, by number
        self.nearby = _Nearby(con)
        self.assign: list[tuple[int, int]] = []
        self.keys: list[tuple[int, int, int, int]] = []  # rows of event_keys
        self.renames: list[tuple[int, int, int]] = []

    def add(self, r: Report) -> None:
        day = r.day
        assert day is not None
        if day != self.today:
            self._advance(day)
        keys = _keys(r)
        mine: _Cluster | None = None
        alone = Extent.of([r])
        for c in self._candidates(r, keys):
            c = c.root()
            if c is mine or not _fits(r, c, keys):
                continue
            extent = (mine.extent if mine else alone).join(c.extent)
            if extent is None:
                continue
            if mine is None:
                c.extent = extent
                c.add(r, keys)
                mine = c
            else:
                big, small = (mine, c) if mine.size >= c.size else (c, mine)
                big.absorb(small, extent)
                mine = big
        if mine is None:
            mine = _Cluster.of(r, alone)
        self._file(r, mine, keys)
        kind = self.labels.find(r.type)
        self.keys += [(kind, self.terms.id(key), day.toordinal(), r.num) for key in sorted(keys)]

    def _file(self, r: Report, c: _Cluster, keys: frozenset[str]) -> None:
        day = r.day
        assert day is not None
        area, mode = next(iter(c.extent.areas), None), c.extent.mode or None
        keyed = self.by_key[day]
        for key in keys:
            filed = keyed.get((r.type, key))
            if filed is None:
                filed = keyed[(r.type, key)] = {}
            modes = filed.get(area)
            if modes is None:
                modes = filed[area] = {}
            listed = modes.get(mode)
            if listed is None:
                modes[mode] = [c]
            else:
                _put(listed, c)
        _put(self.by_article[day].setdefault(r.article, []), c)
        if r.evidence is not None:
            _put(self.by_evidence[day].setdefault(r.evidence, []), c)
        self.closing[c.extent.last or day].append(c)

    def _candidates(self, r: Report, keys: frozenset[str]) -> list[_Cluster]:
        """The clusters ``r`` could join, by name: those of the day before and of its day
        that share a key with it (in its area and of its mode, or of none yet), hold
        a report of its article or say it in its words; and those of earlier runs."""
        found: dict[int, _Cluster] = {}
        assert r.day is not None
        for day in (r.day - timedelta(days=1), r.day):
            keyed = self.by_key.get(day)
            if keyed is None:
                continue
            for key in keys:
                filed = keyed.get((r.type, key))
                if filed is None:
                    continue
                if r.areas:
                    _gather(found, filed.get(None), r.mode)
                    for area in r.areas:
                        _gather(found, filed.get(area), r.mode)
                else:
                    for modes in filed.values():
                        _gather(found, modes, r.mode)
            _collect(found, self.by_article[day].get(r.article))
            if r.evidence is not None:
                _collect(found, self.by_evidence[day].get(r.evidence))
        if self.outside:
            for c in self._earlier(r, keys):
                c = c.root()
                found[id(c)] = c
        return sorted(found.values(), key=_name)

    def _earlier(self, r: Report, keys: frozenset[str]) -> list[_Cluster]:
        """Clusters of earlier runs with a report of r's type within a day sharing a key,
        in r's article, or with r's words (in the order the index gave them when one
        query asked for all: by number when keys were asked for too)."""
        numbers = self.nearby.in_article(r.article) + self.nearby.saying(r.evidence, r.article)
        terms = sorted(self.terms.ids[k] for k in keys if k in self.terms.ids)
        if terms:
            kind, day = self.labels.find(r.type), r.day.toordinal()  # type: ignore[union-attr]
            found = set(numbers)
            for term in terms:
                for near in (day - 1, day, day + 1):
                    found.update(self.nearby.keyed(kind, term, near))
            numbers = sorted(found)
        self._load([number for number in numbers if number not in self.loaded])
        out = []
        for number in numbers:
            earlier = self.loaded[number]
            if earlier is not None and not earlier.root().done:
                out.append(earlier)
        return out

    def _load(self, numbers: list[int]) -> None:
        """Load the clusters of earlier runs with these numbers, in this order (their
        members read together)."""
        members = _cluster_members(self.con, self.reader, numbers)
        for number in numbers:
            if number not in self.loaded:
                self.loaded[number] = self._loaded(number, members.get(number, []))

    def _loaded(self, number: int, reports: list[Report]) -> _Cluster | None:
        members = [m for m in reports if m.clustered]
        if not members:
            return None
        c = _Cluster.of(members[0])
        for m in members[1:]:
            c.add(m)
        c.extent = Extent.of(members)
        c.members, c.stable = [], [number]
        self.closing[c.extent.last or self.today].append(c)  # type: ignore[index]
        return c

    def _advance(self, day: date) -> None:
        """Close the clusters no report from ``day`` on can join, and forget older days."""
        self.today = day
        horizon = day - timedelta(days=1)
        for old in [d for d in self.by_key if d < horizon]:
            del self.by_key[old], self.by_article[old], self.by_evidence[old]
        for old in sorted(d for d in self.closing if d < horizon):
            for c in self.closing.pop(old):
                c = c.root()
                if c.done:
                    continue
                if c.extent.last and c.extent.last >= horizon:
                    self.closing[c.extent.last].append(c)
                else:
                    self._close(c)
        for d in (horizon, day):
            self.by_key.setdefault(d, {})
            self.by_article.setdefault(d, {})
            self.by_evidence.setdefault(d, {})
        if len(self.assign) > 5000:
            self._write()

    def _close(self, c: _Cluster) -> None:
        c.done = True
        if c.size > 1:
            self.assign += [(c.number, m) for m in c.members]
            self.renames += [(c.number, s, s) for s in c.stable]
        for s in c.stable:  # done: found again, it is passed over as if it were empty
            self.loaded[s] = None

    def finish(self) -> None:
        for pending in self.closing.values():
            for c in pending:
                if not c.root().done:
                    self._close(c.root())
        self.closing.clear()
        self._write()

    def _write(self) -> None:
        self.nearby.clear()  # cluster numbers the index gave may change now
        self.con.executemany("UPDATE events SET cluster = ? WHERE rowid = ?", self.assign)
        self.con.executemany(
            "UPDATE events SET cluster = ? WHERE rowid = ? OR cluster = ?", self.renames
        )
        self.con.executemany(
            "INSERT OR IGNORE INTO event_keys(type, key, day, event) VALUES (?,?,?,?)", self.keys
        )
        self.assign, self.renames, self.keys = [], [], []


class _Nearby:
    """The numbers of the clusters of earlier runs (``coalesce(cluster, rowid)`` of
    events outside ``WORK``) by article, by evidence key, and by type, key and day,
    each asked of the index once until the clusterer next writes. Reports of one day
    share keys: one query for all they share, not one each."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.articles: dict[int, list[int]] = {}
        self.evidence: dict[int, list[tuple]] = {}
        self.keys: dict[tuple[int, int, int], list[int]] = {}

    def clear(self) -> None:
        self.articles, self.evidence, self.keys = {}, {}, {}

    def in_article(self, article: int) -> list[int]:
        """Of the events of ``article``, by rowid."""
        if article not in self.articles:
            self._bound()
            self.articles[article] = [
                row[0]
                for row in _rows(
                    self.con,
                    "SELECT coalesce(cluster, rowid) FROM events WHERE article = ?"
                    f" AND rowid NOT IN (SELECT event FROM {WORK}) ORDER BY rowid",
                    (article,),
                )
            ]
        return self.articles[article]

    def saying(self, evidence: int | None, article: int) -> list[int]:
        """Of the events with these words outside ``article``, by rowid."""
        if evidence is None:
            return []
        if evidence not in self.evidence:
            self._bound()
            self.evidence[evidence] = _rows(
                self.con,
                "SELECT coalesce(cluster, rowid), article FROM events WHERE evidence = ?"
                f" AND rowid NOT IN (SELECT event FROM {WORK}) ORDER BY rowid",
                (evidence,),
            )
        return [row[0] for row in self.evidence[evidence] if row[1] != article]

    def keyed(self, kind: int, term: int, day: int) -> list[int]:
        """Of the events of type ``kind`` on ``day`` with key ``term`` (event_keys)."""
        found = self.keys.get((kind, term, day))
        if found is None:
            self._bound()
            found = self.keys[(kind, term, day)] = [
                row[0]
                for row in _rows(
                    self.con,
                    "SELECT DISTINCT coalesce(e.cluster, e.rowid) FROM event_keys k"
                    " JOIN events e ON e.rowid = k.event"
                    " WHERE k.type = ? AND k.key = ? AND k.day = ?"
                    f" AND k.event NOT IN (SELECT event FROM {WORK})",
                    (kind, term, day),
                )
            ]
        return found

    def _bound(self) -> None:
        if len(self.articles) + len(self.evidence) + len(self.keys) > CACHED:
            self.clear()


def _name(c: _Cluster) -> str:
    return c.name


def _collect(found: dict[int, _Cluster], clusters: list[_Cluster] | None) -> None:
    if clusters:
        for c in _roots(clusters):
            found[id(c)] = c


def _gather(found: dict[int, _Cluster], modes: dict | None, mode: str | None) -> None:
    """Clusters filed (under a key and an area) with report's ``mode`` or with none."""
    if modes is None:
        return
    if mode:
        _collect(found, modes.get(None))
        _collect(found, modes.get(mode))
    else:
        for clusters in modes.values():
            _collect(found, clusters)


def recluster(con: sqlite3.Connection) -> None:
    """Cluster the reports in ``WORK`` (see ``_register_events``), with each other and
    with the clusters of earlier runs.

    Reports joined by ``same_event`` form a cluster, as long as the cluster's ``Extent``
    allows (so that daily shelling of one town over a month does not chain into one
    event); a report is weighed against each cluster it could join as a whole, not
    against each of its members. Dated reports stream in day order and only the clusters
    of the last two days stay in memory; undated ones, which join only reports of their
    article or with their words, are placed afterwards.
    """
    work = con.execute(f"SELECT count(*) FROM {WORK}").fetchone()[0]
    outside = con.execute("SELECT count(*) FROM events").fetchone()[0] > work
    reader = _Reader(con, store.Labels(con))
    if work * 2 > con.execute("SELECT count(*) FROM events").fetchone()[0]:
        reader.know_all()
    clusterer = _Clusterer(con, outside, reader)
    undated: list[int] = []
    for r in reader.reports(
        f"WHERE rowid IN (SELECT event FROM {WORK})"
        " ORDER BY date IS NULL, length(date) != 10, date, event_id",
        (),
        clustered_only=True,
    ):
        if r.day is None:
            undated.append(r.num)
        else:
            clusterer.add(r)
    clusterer.finish()
    undated_pass = _Undated(con, reader)
    for chunk in _chunks(undated):
        marks = ",".join("?" * len(chunk))
        for r in reader.reports(f"WHERE rowid IN ({marks}) ORDER BY event_id", chunk):
            undated_pass.place(r)
    undated_pass.finish()


class _Undated:
    """Places undated reports, once the dated ones are clustered: each joins the clusters
    of the reports of its article, or with its words, that it tells of, as far as their
    extents allow. The clusters it merges are followed here and written at the end, each
    report once (not the whole of both clusters at each merge); the reports and the
    events saying the same words that it reads are kept, as the next undated reports of
    the same words (copies of one text) read them again."""

    def __init__(self, con: sqlite3.Connection, reader: _Reader):
        self.con, self.reader = con, reader
        self.extents: dict[int, Extent] = {}  # by cluster number, each read once
        self.merged: dict[int, int] = {}  # cluster number -> the one it was merged into
        self.reports: dict[int, Report] = {}  # by rowid
        self.saying: dict[int, list[tuple]] = {}  # evidence key -> its events (_saying)

    def extent(self, number: int) -> Extent:
        if number not in self.extents:
            members = _rows(
                self.con,
                "SELECT rowid, event_id FROM events WHERE rowid = ? OR cluster = ?",
                (number, number),
            )
            self.extents[number] = Extent.of(self._reports(members))
        return self.extents[number]

    def number(self, stored: int) -> int:
        """The number of the cluster now holding the reports of cluster ``stored`` (as
        the index has it, before this pass)."""
        number = stored
        while number in self.merged:
            number = self.merged[number]
        while stored != number:  # the next asks go straight there
            self.merged[stored], stored = number, self.merged[stored]
        return number

    def place(self, r: Report) -> None:
        # The reports of its article, and one report of each cluster repeating its words
        # (copies of one text are many, and cluster together), the first by event id.
        picked: list[tuple] = []
        seen: set[int] = set()
        stored: dict[int, int] = {}  # event -> its cluster's number in the index
        for row in _rows(
            self.con,
            "SELECT rowid, coalesce(cluster, rowid), article, event_id FROM events"
            " WHERE article = ?",
            (r.article,),
        ):
            stored[row[0]] = row[1]
            if row[0] != r.num:
                picked.append(row)
        for row in self._saying(r.evidence):
            if row[2] != r.article:
                now = self.number(row[1])
                if now not in seen:
                    seen.add(now)
                    stored[row[0]] = row[1]
                    picked.append(row)
        others = self._reports(picked)
        for other in [o for o in others if same_event(r, o)]:
            mine, theirs = self.number(stored[r.num]), self.number(stored[other.num])
            if mine == theirs:
                continue
            joined = self.extent(mine).join(self.extent(theirs))
            if joined is None:
                continue
            name = self.con.execute(
                "SELECT rowid FROM events WHERE rowid IN (?, ?) ORDER BY event_id LIMIT 1",
                (mine, theirs),
            ).fetchone()[0]
            self.merged[theirs if name == mine else mine] = name
            del self.extents[mine], self.extents[theirs]
            self.extents[name] = joined

    def _saying(self, evidence: int | None) -> list[tuple]:
        """(rowid, cluster number as stored, article, event_id) of the events with these
        words."""
        if evidence is None:
            return []
        if evidence not in self.saying:
            if len(self.saying) > CACHED // 10:
                self.saying = {}
            self.saying[evidence] = _rows(
                self.con,
                "SELECT rowid, coalesce(cluster, rowid), article, event_id FROM events"
                " WHERE evidence = ?",
                (evidence,),
            )
            self.saying[evidence].sort(key=_by_event_id)
        return self.saying[evidence]

    def _reports(self, rows: list[tuple]) -> list[Report]:
        """The reports of events given as rows of (rowid, ..., event_id), by event id."""
        missing = [row[0] for row in rows if row[0] not in self.reports]
        if len(self.reports) + len(missing) > CACHED:
            self.reports = {}
            missing = [row[0] for row in rows]
        for chunk in _chunks(missing):
            marks = ",".join("?" * len(chunk))
            for report in self.reader.reports(f"WHERE rowid IN ({marks})", chunk):
                self.reports[report.num] = report
        return [self.reports[row[0]] for row in sorted(rows, key=_by_event_id)]

    def finish(self) -> None:
        """Write the clusters merged: each report of a merged cluster (the one that
        numbered it too, if it stood alone) takes the number of what it is part of."""
        numbers = {*self.merged, *self.merged.values()}
        self.con.executemany(
            "UPDATE events SET cluster = ? WHERE cluster = ? OR rowid = ?",
            [(self.number(n), n, n) for n in sorted(numbers)],
        )


def _tuples(con: sqlite3.Connection) -> sqlite3.Cursor:
    """A cursor giving rows as tuples, whatever rows the connection makes."""
    cursor = con.cursor()
    cursor.row_factory = None
    return cursor


def _rows(con: sqlite3.Connection, sql: str, args: list | tuple) -> list[tuple]:
    """The rows of a query as tuples."""
    return _tuples(con).execute(sql, args).fetchall()


def _by_event_id(row: tuple) -> tuple[int, Any]:
    """Rows (.., event_id last) in SQLite's order of event ids: numbers (the stored form
    of event ids, see eventkey), then text."""
    event_id = row[-1]
    return (1, event_id) if isinstance(event_id, str) else (0, event_id)


def _cluster_members(
    con: sqlite3.Connection, reader: _Reader, numbers: list[int]
) -> dict[int, list[Report]]:
    """The reports of the clusters with these numbers (the event numbering each, and
    those whose cluster it is), each cluster's by event id."""
    rows: dict[int, list[tuple]] = {}
    for chunk in _chunks(sorted(set(numbers)), 250):
        asked = set(chunk)
        marks = ",".join("?" * len(chunk))
        for row in _rows(
            con,
            "SELECT rowid, cluster, event_id FROM events"
            f" WHERE rowid IN ({marks}) OR cluster IN ({marks})",
            chunk + chunk,
        ):
            if row[0] in asked:
                rows.setdefault(row[0], []).append(row)
            if row[1] in asked and row[1] != row[0]:
                rows.setdefault(row[1], []).append(row)
    reports: dict[int, Report] = {}
    wanted = sorted({row[0] for found in rows.values() for row in found})
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for report in reader.reports(f"WHERE rowid IN ({marks})", chunk):
            reports[report.num] = report
    return {
        number: [reports[row[0]] for row in sorted(found, key=_by_event_id)]
        for number, found in rows.items()
    }

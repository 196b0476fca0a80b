"""The one query API over the index: the command line, the app and the export all read through it.

Every method returns plain dicts shaped as the data contract in DESIGN.md says.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from briefing import paths
from briefing.index import codec, compress, eventkey, mentionpack, store

ARTICLE_FIELDS = f"id, title, source, date, url, {store.ARTICLE_PATH} AS path, words, events"


ENTITY_FIELDS = (
    "id, name, kind, type, country, sector, admin1, lat, lon, aliases, affiliation, origin,"
    " mentions, articles"
)
BLOCK = 2000  # events decoded at a time: their articles' texts are read per block
_TIMELINES = itertools.count()  # names of the temporary tables of ``Index.timeline``


def read_events(
    con: sqlite3.Connection, where: str, args: list[Any], labels: store.Labels | None = None
) -> Iterator[dict[str, Any]]:
    """Event dicts (the data contract) of ``SELECT ... FROM events e JOIN articles a
    {where}``, decoded a block at a time (see ``briefing.index.codec``)."""
    labels = labels or store.Labels(con)
    rows = con.execute(
        "SELECT e.rowid AS num, a.id AS article_id, "
        + ", ".join(f"e.{c.strip()}" for c in codec.EVENT_COLUMNS.split(","))
        + f" FROM events e JOIN articles a ON a.rowid = e.article {where}",
        args,
    )
    entities: dict[int, tuple] = {}
    while block := rows.fetchmany(BLOCK):
        nums = [r["num"] for r in block]
        parts: dict[int, list[tuple]] = {n: [] for n in nums}
        texts: dict[int, str] = {}
        for chunk in _chunks(nums):
            for event, *rest in con.execute(
                "SELECT event, role, position, entity, offset, length, text, extra FROM participants"
                f" WHERE event IN ({','.join('?' * len(chunk))}) ORDER BY event, role, position",
                chunk,
            ):
                parts[event].append(rest)
        for chunk in _chunks(sorted({r["article"] for r in block})):
            texts.update(
                (rowid, compress.unpack_text(body))
                for rowid, body in con.execute(
                    f"SELECT rowid, body FROM articles WHERE rowid IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        wanted = sorted(
            {p[2] for ps in parts.values() for p in ps if p[2] is not None} - entities.keys()
        )
        for chunk in _chunks(wanted):
            for row in con.execute(
                f"SELECT {codec.ENTITY_COLUMNS} FROM entities WHERE rowid IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                entities[row[0]] = tuple(row)
        for r in block:
            yield codec.decode(
                r, r["article_id"], texts[r["article"]], parts[r["num"]], entities, labels
            )


def _chunks(items: list, size: int = 500) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _entity(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d["aliases"] = json.loads(d.get("aliases") or "[]")
    return d


class Index:
    """A connection to one index file, with the questions the faces ask of it."""

    def __init__(self, db: Path | None = None, *, readonly: bool = False):
        self.path = Path(db) if db else paths.default_db()
        self.con = store.connect(self.path, readonly=readonly)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # articles -------------------------------------------------------------------------

    def count_articles(self) -> int:
        return self.con.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(
        self, *, ids: list[str] | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        sql = f"SELECT {ARTICLE_FIELDS} FROM articles"
        args: list[Any] = []
        if ids is not None:
            sql += f" WHERE id IN ({','.join('?' * len(ids))})"
            args += ids
        sql += " ORDER BY date IS NULL, date DESC, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.con.execute(sql, args)]

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.con.execute(
            f"SELECT {ARTICLE_FIELDS}, article_text(body) AS text, cuts, hash FROM articles"
            " WHERE id=?",
            (article_id,),
        ).fetchone()
        if row is None:
            return None
        d = dict(row)
        d["cuts"] = json.loads(d["cuts"])
        return d

    def mentions(self, article_id: str) -> list[dict[str, Any]]:
        row = self.con.execute(
            "SELECT rowid, body FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            return []
        text, found = compress.unpack_text(row[1]), self._mentions(row[0])
        numbers = sorted({m[2] for m in found})
        names = {
            r[0]: r[1:]
            for r in self.con.execute(
                "SELECT rowid, id, name, kind FROM entities"
                f" WHERE rowid IN ({','.join('?' * len(numbers))})",
                numbers,
            )
        }
        word = store.Labels(self.con).word
        return [
            {"id": names[entity][0], "name": names[entity][1], "kind": names[entity][2],
             "start": start, "end": end, "text": text[start:end] if words is None else words,
             "sector": word.get(sector)}
            for start, end, entity, sector, words in found
            if entity in names
        ]  # fmt: skip

    def _mentions(self, rowid: int) -> list[mentionpack.Mention]:
        row = self.con.execute(
            "SELECT spans, words FROM mentions WHERE article = ?", (rowid,)
        ).fetchone()
        return mentionpack.unpack(*row) if row else []

    # entities -------------------------------------------------------------------------

    def entities(
        self, *, kind: str | None = None, article: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        where, args = ["mentions > 0"], list[Any]()
        if kind:
            where.append("kind = ?")
            args.append(kind)
        if article:
            row = self.con.execute("SELECT rowid FROM articles WHERE id = ?", (article,)).fetchone()
            named = sorted({m[2] for m in self._mentions(row[0])}) if row else []
            where.append(f"rowid IN ({','.join('?' * len(named))})")
            args += named
        sql = f"SELECT {ENTITY_FIELDS} FROM entities WHERE {' AND '.join(where)} ORDER BY mentions DESC, name"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_entity(r) for r in self.con.execute(sql, args)]

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        row = self.con.execute(
            f"SELECT {ENTITY_FIELDS} FROM entities WHERE id=?", (entity_id,)
        ).fetchone()
        return _entity(row) if row else None

    def find_entity(self, name: str, kind: str | None = None) -> dict[str, Any] | None:
        """The entity an analyst means by ``name``: an id, an exact name or alias, else the best fuzzy match."""
        if row := self.entity(name):
            return row
        from briefing.index.search import search

        hits = search(self, name, kinds=(kind,) if kind else ("actor", "place"), limit=1)
        return self.entity(hits[0]["id"]) if hits else None

    # events ---------------------------------------------------------------------------

    def events(self, *, limit: int | None = None, **filters: Any) -> list[dict[str, Any]]:
        """Events matching every filter given (those of ``_where``: ``article``, ``actor``,
        ``place``, ``entity``, ``type``, ``mode``, ``source``, ``since``, ``until``,
        ``modality``, ``ids``, ``rowids``; ``briefing.index.filters.Resolved.query`` gives them);
        ``actor``/``place``/``entity`` are entity ids."""
        labels = store.Labels(self.con)
        sql, args = self._where(labels, **filters)
        sql += " ORDER BY a.date IS NULL, a.date, a.id, e.start, e.rowid"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return list(read_events(self.con, sql, args, labels))

    def _where(
        self,
        labels: store.Labels,
        *,
        article: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        entity: str | None = None,
        type: str | None = None,
        mode: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        modality: str | None = "asserted",
        ids: list[str] | None = None,
        rowids: list[int] | None = None,
    ) -> tuple[str, list[Any]]:
        """The ``WHERE`` clause over ``events e JOIN articles a`` of the filters given (only
        asserted events unless ``modality`` is another or None)."""
        where: list[str] = []
        args: list[Any] = []
        if article:
            where.append("a.id = ?")
            args.append(article)
        if actor:
            where.append(
                "e.rowid IN (SELECT event FROM participants WHERE entity ="
                f" (SELECT rowid FROM entities WHERE id = ?) AND role IN ({store.ACTOR}, {store.TARGET}))"
            )
            args.append(actor)
        if place:
            where.append(
                "e.rowid IN (SELECT pa.event FROM participants pa JOIN entities p ON p.rowid = pa.entity"
                f" WHERE pa.role = {store.LOCATION} AND (p.id=? OR (p.admin1 IS NOT NULL AND p.admin1 ="
                " (SELECT name FROM entities WHERE id=? AND type='admin1'))"
                " OR (p.country IS NOT NULL AND p.country = (SELECT country FROM entities WHERE id=? AND type='country'))))"
            )
            args += [place, place, place]
        if entity:
            where.append(
                "e.rowid IN (SELECT event FROM participants WHERE entity ="
                " (SELECT rowid FROM entities WHERE id = ?))"
            )
            args.append(entity)
        if type:
            where.append("e.type = ?")
            args.append(labels.find(type.upper()))
        if mode:
            where.append("e.mode = ?")
            args.append(labels.find(mode))
        if source:
            where.append("a.source = ?")
            args.append(source)
        if since:
            where.append("e.date >= ?")
            args.append(since)
        if until:
            where.append("e.date <= ?")
            args.append(until)
        if modality:
            where.append("e.modality = ?")
            args.append(labels.find(modality))
        if ids is not None:
            where.append(f"e.event_id IN ({','.join('?' * len(ids))})")
            args += eventkey.keys(ids)
        if rowids is not None:
            where.append(f"e.rowid IN ({','.join('?' * len(rowids))})")
            args += [int(r) for r in rowids]
        return ("WHERE " + " AND ".join(where) if where else ""), args

    def timeline(self, selections: list[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str]]:
        """The events matching any of ``selections`` (each the filters of ``events``), each
        once, in timeline order, with the key of the entry each belongs to; read a block
        at a time, so that a table of a whole collection takes little memory.

        Timeline order: by day (the event's date, else its article's; undated last), then
        article id, position in the article and event id. An entry is a same-event cluster
        (its key is the cluster's name) or an event standing alone (its own id); its
        reports come together, where its earliest one falls, earliest first: the order of
        ``briefing.export.timeline.entries``, worked out by SQLite.
        """
        labels = store.Labels(self.con)
        table = f"temp.timeline_{next(_TIMELINES)}"
        self.con.execute(f"CREATE TABLE {table}(event INTEGER PRIMARY KEY)")
        ordered = None
        try:
            for filters in selections:
                where, args = self._where(labels, **filters)
                self.con.execute(
                    f"INSERT OR IGNORE INTO {table} SELECT e.rowid"
                    f" FROM events e JOIN articles a ON a.rowid = e.article {where}",
                    args,
                )
            ordered = self.con.execute(
                "SELECT num, event_id, entry FROM ("
                " SELECT num, event_id, entry, pos, min(pos) OVER (PARTITION BY grp) AS first"
                " FROM (SELECT e.rowid AS num, e.event_id, coalesce(c.event_id, e.event_id) AS entry,"
                "  coalesce(e.cluster, e.rowid) AS grp, row_number() OVER (ORDER BY"
                "  coalesce(nullif(e.date, ''), nullif(a.date, '')) IS NULL,"
                "  coalesce(nullif(e.date, ''), nullif(a.date, '')), a.id, e.start, e.event_id) AS pos"
                f"  FROM {table} s JOIN events e ON e.rowid = s.event"
                "  JOIN articles a ON a.rowid = e.article LEFT JOIN events c ON c.rowid = e.cluster))"
                " ORDER BY first, pos"
            )
            while block := ordered.fetchmany(BLOCK):
                found: dict[str, dict[str, Any]] = {}
                for chunk in _chunks([row[0] for row in block]):
                    where = f"WHERE e.rowid IN ({','.join('?' * len(chunk))})"
                    found.update(
                        (ev["event_id"], ev) for ev in read_events(self.con, where, chunk, labels)
                    )
                for _, stored, entry in block:
                    yield found[eventkey.name(stored)], eventkey.name(entry)
        finally:  # (also when the reader stops early: the table is dropped once unread)
            if ordered is not None:
                ordered.close()
            self.con.execute(f"DROP TABLE IF EXISTS {table}")

    def event(self, event_id: str) -> dict[str, Any] | None:
        found = self.events(ids=[event_id], modality=None)
        return found[0] if found else None

    # state ----------------------------------------------------------------------------

    def state_hash(self) -> str:
        """A digest of what is indexed (article ids and content hashes): reproducible briefs cite it."""
        import hashlib

        h = hashlib.blake2b(digest_size=8)
        h.update((store.get_meta(self.con, "extractor") or "").encode())
        for (digest,) in self.con.execute("SELECT hash FROM articles ORDER BY id"):
            h.update(digest.encode())
        return h.hexdigest()

    def integrity(self) -> str:
        return self.con.execute("PRAGMA integrity_check").fetchone()[0]

"""The one query API over the index: the command line, the app and the export all read through it.

Every method returns plain dicts shaped as the data contract in DESIGN.md says.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from briefing import paths
from briefing.index import store

ARTICLE_FIELDS = "id, title, source, date, url, path, words, events"


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
            f"SELECT {ARTICLE_FIELDS}, text, cuts, hash FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        if row is None:
            return None
        d = dict(row)
        d["cuts"] = json.loads(d["cuts"])
        return d

    def mentions(self, article_id: str) -> list[dict[str, Any]]:
        return [
            dict(r)
            for r in self.con.execute(
                "SELECT m.entity AS id, e.name, e.kind, m.start, m.end, m.text, m.sector"
                " FROM mentions m JOIN articles a ON a.rowid = m.article"
                " JOIN entities e ON e.id = m.entity WHERE a.id = ? ORDER BY m.start",
                (article_id,),
            )
        ]

    # entities -------------------------------------------------------------------------

    def entities(
        self, *, kind: str | None = None, article: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        where, args = ["mentions > 0"], []
        if kind:
            where.append("kind = ?")
            args.append(kind)
        if article:
            where.append(
                "id IN (SELECT m.entity FROM mentions m JOIN articles a ON a.rowid=m.article WHERE a.id=?)"
            )
            args.append(article)
        sql = f"SELECT * FROM entities WHERE {' AND '.join(where)} ORDER BY mentions DESC, name"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_entity(r) for r in self.con.execute(sql, args)]

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT * FROM entities WHERE id=?", (entity_id,)).fetchone()
        return _entity(row) if row else None

    def find_entity(self, name: str, kind: str | None = None) -> dict[str, Any] | None:
        """The entity an analyst means by ``name``: an id, an exact name or alias, else the best fuzzy match."""
        if row := self.entity(name):
            return row
        from briefing.index.search import search

        hits = search(self, name, kinds=(kind,) if kind else ("actor", "place"), limit=1)
        return self.entity(hits[0]["id"]) if hits else None

    # events ---------------------------------------------------------------------------

    def events(
        self,
        *,
        article: str | None = None,
        actor: str | None = None,
        place: str | None = None,
        entity: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        modality: str | None = "asserted",
        ids: list[str] | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Events matching every filter given; ``actor``/``place``/``entity`` are entity ids."""
        where, args = [], []
        if article:
            where.append("a.id = ?")
            args.append(article)
        if actor:
            where.append(
                "e.event_id IN (SELECT event_id FROM event_entities WHERE entity=? AND role IN ('actor','target'))"
            )
            args.append(actor)
        if place:
            where.append(
                "e.event_id IN (SELECT ee.event_id FROM event_entities ee JOIN entities p ON p.id = ee.entity"
                " WHERE ee.role='location' AND (p.id=? OR (p.admin1 IS NOT NULL AND p.admin1 ="
                " (SELECT name FROM entities WHERE id=? AND type='admin1'))"
                " OR (p.country IS NOT NULL AND p.country = (SELECT country FROM entities WHERE id=? AND type='country'))))"
            )
            args += [place, place, place]
        if entity:
            where.append("e.event_id IN (SELECT event_id FROM event_entities WHERE entity=?)")
            args.append(entity)
        if type:
            where.append("e.type = ?")
            args.append(type.upper())
        if since:
            where.append("e.date >= ?")
            args.append(since)
        if until:
            where.append("e.date <= ?")
            args.append(until)
        if modality:
            where.append("e.modality = ?")
            args.append(modality)
        if ids is not None:
            where.append(f"e.event_id IN ({','.join('?' * len(ids))})")
            args += ids
        sql = "SELECT e.data FROM events e JOIN articles a ON a.rowid = e.article"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY a.date IS NULL, a.date, a.id, e.start"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [json.loads(r[0]) for r in self.con.execute(sql, args)]

    def event(self, event_id: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT data FROM events WHERE event_id=?", (event_id,)).fetchone()
        return json.loads(row[0]) if row else None

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

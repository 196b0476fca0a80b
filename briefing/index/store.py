"""The SQLite index: schema, migrations, and the writes the indexer makes.

One file holds everything the faces read. Schema changes are numbered migrations,
applied in order inside a transaction; ``meta.schema_version`` records the last one.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

MIGRATIONS: list[str] = [
    # 1: articles, full-text search, entities, mentions, events
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
    CREATE TABLE files (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL
    );
    CREATE TABLE articles (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        source TEXT,
        date TEXT,
        url TEXT,
        path TEXT,
        file TEXT NOT NULL,
        text TEXT NOT NULL,
        words INTEGER NOT NULL,
        hash TEXT NOT NULL,
        cuts TEXT NOT NULL DEFAULT '[]',
        extractor TEXT NOT NULL,
        events INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_file ON articles(file);
    CREATE INDEX articles_date ON articles(date);
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        type TEXT,
        country TEXT,
        sector TEXT,
        admin1 TEXT,
        lat REAL,
        lon REAL,
        aliases TEXT NOT NULL DEFAULT '[]',
        affiliation TEXT,
        origin TEXT,
        mentions INTEGER NOT NULL DEFAULT 0,
        articles INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE mentions (
        article INTEGER NOT NULL,
        entity TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        sector TEXT
    );
    CREATE INDEX mentions_article ON mentions(article);
    CREATE INDEX mentions_entity ON mentions(entity, article);
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        article INTEGER NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        date TEXT,
        killed INTEGER,
        wounded INTEGER,
        modality TEXT NOT NULL,
        start INTEGER NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX events_article ON events(article, start);
    CREATE INDEX events_date ON events(date);
    CREATE TABLE event_entities (
        event_id TEXT NOT NULL,
        entity TEXT NOT NULL,
        role TEXT NOT NULL
    );
    CREATE INDEX event_entities_entity ON event_entities(entity, role);
    CREATE INDEX event_entities_event ON event_entities(event_id);
    """,
    # 2: links (briefing/index/link.py): per-article terms for related articles, and
    # same-event clusters. Triggers drop an article's terms and mark the clusters of its
    # events dirty, whoever deletes it, so that update_links() repairs only what changed.
    """
    CREATE TABLE article_terms (
        term TEXT NOT NULL,
        article INTEGER NOT NULL,
        weight REAL NOT NULL,
        PRIMARY KEY (term, article)
    ) WITHOUT ROWID;
    CREATE INDEX article_terms_article ON article_terms(article);
    CREATE TABLE linked_articles (
        article INTEGER PRIMARY KEY,
        terms INTEGER NOT NULL,
        norm REAL NOT NULL
    );
    CREATE TABLE term_names (term TEXT PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE event_links (
        event_id TEXT PRIMARY KEY,
        article INTEGER NOT NULL,
        cluster TEXT NOT NULL,
        type TEXT NOT NULL,
        day TEXT,
        evidence TEXT NOT NULL
    );
    CREATE INDEX event_links_cluster ON event_links(cluster);
    CREATE INDEX event_links_article ON event_links(article);
    CREATE INDEX event_links_day ON event_links(type, day);
    CREATE INDEX event_links_evidence ON event_links(evidence);
    CREATE TABLE dirty_clusters (cluster TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TRIGGER link_articles_ad AFTER DELETE ON articles BEGIN
        DELETE FROM article_terms WHERE article = old.rowid;
        DELETE FROM linked_articles WHERE article = old.rowid;
    END;
    CREATE TRIGGER link_events_ad AFTER DELETE ON events BEGIN
        INSERT OR IGNORE INTO dirty_clusters(cluster)
            SELECT cluster FROM event_links WHERE event_id = old.event_id;
        DELETE FROM event_links WHERE event_id = old.event_id;
    END;
    """,
    # 3: marks (briefing/marks.py): the events, articles, actors and places an analyst
    # marked in the app. Keyed by stable ids, not rowids, so marks survive re-indexing.
    """
    CREATE TABLE marks (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        created TEXT NOT NULL,
        PRIMARY KEY (kind, id)
    ) WITHOUT ROWID;
    """,
    # 4: links: what each report is about (actor, target and admin1-level place keys) by
    # type and day, so that clustering looks only at reports that share something.
    """
    CREATE TABLE event_keys (
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        day TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (type, key, day, event_id)
    ) WITHOUT ROWID;
    CREATE INDEX event_keys_event ON event_keys(event_id);
    CREATE TRIGGER link_event_keys_ad AFTER DELETE ON event_links BEGIN
        DELETE FROM event_keys WHERE event_id = old.event_id;
    END;
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class IndexError_(RuntimeError):
    """The index file cannot be used (not a briefing index, or from a newer version)."""


def connect(db: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the index at ``db``."""
    if readonly and not db.exists():
        raise IndexError_(f"no index at {db}; run `briefing index PATH` first")
    db.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    con.row_factory = sqlite3.Row
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA cache_size=-32000")
        migrate(con)
    except sqlite3.DatabaseError as exc:
        con.close()
        raise IndexError_(f"{db} is not a usable briefing index: {exc}") from exc
    return con


def schema_version(con: sqlite3.Connection) -> int:
    has_meta = con.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone()
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: sqlite3.Connection) -> None:
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise IndexError_(
            f"the index has schema {current}, newer than this briefing ({SCHEMA_VERSION}); upgrade briefing"
        )
    if current == 0 and con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise IndexError_("the file is an SQLite database but not a briefing index")
    for number in range(current, SCHEMA_VERSION):
        with transaction(con):
            for statement in _statements(MIGRATIONS[number]):
                con.execute(statement)
            set_meta(con, "schema_version", str(number + 1))


def _statements(script: str) -> Iterable[str]:
    """Split a migration into statements (triggers contain semicolons inside BEGIN…END)."""
    buf = ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                yield buf.strip()
            buf = ""


class transaction:
    """``with transaction(con):`` BEGIN IMMEDIATE … COMMIT, or ROLLBACK on error."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con

    def __enter__(self) -> sqlite3.Connection:
        self.con.execute("BEGIN IMMEDIATE")
        return self.con

    def __exit__(self, exc_type, exc, tb) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")


def get_meta(con: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(con: sqlite3.Connection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def delete_articles(con: sqlite3.Connection, rowids: list[int]) -> None:
    for i in range(0, len(rowids), 500):
        chunk = rowids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        con.execute(
            f"DELETE FROM event_entities WHERE event_id IN (SELECT event_id FROM events WHERE article IN ({marks}))",
            chunk,
        )
        con.execute(f"DELETE FROM events WHERE article IN ({marks})", chunk)
        con.execute(f"DELETE FROM mentions WHERE article IN ({marks})", chunk)
        con.execute(f"DELETE FROM articles WHERE rowid IN ({marks})", chunk)
        for hook in DELETE_HOOKS:
            hook(con, chunk)


# Other parts of the index (linking) register what they must drop with deleted articles.
DELETE_HOOKS: list[Callable[[sqlite3.Connection, list[int]], None]] = []


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

"""The SQLite index: schema, migrations, and the writes the indexer makes.

One file holds everything the faces read, each fact once: an event keeps its evidence
as a span of its article's text and its participants as entity numbers (names, types and
countries live in ``entities``); mentions keep spans, not words. Integer keys link the
tables (``entities.rowid``, ``events.rowid``, ``terms.id``); the stable text ids the
faces use (``articles.id``, ``entities.id``, ``events.event_id``) are stored once each.

``SCHEMA`` is the whole schema at ``BASE_VERSION``; later changes are numbered
migrations appended to ``MIGRATIONS`` (never edit one), applied in order inside a
transaction; ``meta.schema_version`` records the last one. An index from before
``BASE_VERSION`` (no release shipped with it) is rebuilt empty, keeping the analyst's
marks; the next ``briefing index`` fills it again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from briefing.index import compress

# Roles of an event's participants (participants.role).
ACTOR, TARGET, LOCATION = 0, 1, 2
ROLES = {"actors": ACTOR, "targets": TARGET, "locations": LOCATION}

SCHEMA = """
-- Small tables keyed by text are WITHOUT ROWID: no second b-tree (page) for the key.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    source TEXT,
    date TEXT,
    url TEXT,
    path TEXT,
    line INTEGER,
    file TEXT NOT NULL,
    body BLOB NOT NULL,
    words INTEGER NOT NULL,
    hash TEXT NOT NULL,
    cuts TEXT NOT NULL DEFAULT '[]',
    extractor TEXT NOT NULL,
    events INTEGER NOT NULL DEFAULT 0
);
-- `path`, where it was read from, is mostly the file or a line of it: then `line` says
-- which (0: the file itself) and `path` is null (store.ARTICLE_PATH puts it together).
-- No index on date: no query reads by it (articles are listed by a sort of all of them);
-- count(*) scans the index on id instead, as small and as fast.
-- An article's clean text: `body` is it compressed (briefing.index.compress), read back
-- by article_text(body), a function every connection of store.connect has.
CREATE VIEW article_texts(rowid, title, text) AS
    SELECT rowid, title, article_text(body) FROM articles;
-- Positions kept (detail=full): without them bm25 tokenises every matching text again
-- (10k: 7 ms a query instead of 2.5, and it grows with the matches) for 0.3x the text.
-- Its content is the view: snippet() and highlight() read the text through it. The
-- writer adds an article's row itself (add_texts: it has the text, no need to
-- decompress it); a delete gives back the old text, as an external content table needs.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='article_texts', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, article_text(old.body));
END;
CREATE TABLE entities (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
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
-- An article's mentions, one row (briefing.index.mentionpack): `spans` packs each one's
-- span, entity (entities.rowid) and sector (labels.id); a mention's words are the
-- article's text[start:end], in `words` (JSON, by position) only where they are not.
CREATE TABLE mentions (
    article INTEGER PRIMARY KEY,
    spans BLOB NOT NULL,
    words TEXT
);
-- Short repeated words of events (type, mode, cameo, modality, date precision, rule) and
-- of mentions (sector).
CREATE TABLE labels (id INTEGER PRIMARY KEY, label TEXT NOT NULL UNIQUE);
-- The evidence sentence is the article's text[start:end] and the trigger `trigger_length`
-- characters from start + `trigger_offset` (small numbers: a byte, not two or three);
-- `sentence` and `trigger` only where they are not.
-- `confidence` in hundredths (a REAL where it is no whole number of them).
-- `cluster`: the event that names its same-event cluster (null: it stands alone);
-- `evidence`: a key of its words, for reports repeated word for word (briefing.index.link);
-- `extra` (JSON): anything else, e.g. a confidence that is no whole number of hundredths.
-- `event_id` is stored as an integer (briefing.index.eventkey; no type: nothing converted).
CREATE TABLE events (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id NOT NULL UNIQUE,
    article INTEGER NOT NULL,
    type INTEGER NOT NULL,
    mode INTEGER,
    cameo INTEGER,
    date TEXT,
    date_text TEXT,
    date_precision INTEGER,
    killed INTEGER,
    wounded INTEGER,
    modality INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    sentence TEXT,
    trigger_offset INTEGER,
    trigger_length INTEGER,
    trigger TEXT,
    rule INTEGER NOT NULL,
    confidence INTEGER,
    cluster INTEGER,
    evidence INTEGER,
    extra TEXT
);
CREATE INDEX events_cluster ON events(cluster) WHERE cluster IS NOT NULL;
-- (events' indexes on article and on evidence, and participants' on entity: INDEXES)
-- Actors, targets and locations of events, in order. A participant's name, type, country,
-- sector (and a place's admin1, lat, lon) are its entity's; `extra` (JSON) holds those
-- that differ ("Syrian warplanes": the state, sector MIL), or all of them for a name no
-- dictionary knows (entity null). Its words are `length` characters from its event's
-- start + `offset` in the article's text, else `text`.
-- An `extra` of dictionary values only ({"sector":"MIL"}: nine in ten) is kept once, in
-- `labels`, and named by its number (the column has no type: a number or JSON text).
CREATE TABLE participants (
    event INTEGER NOT NULL,
    role INTEGER NOT NULL,
    position INTEGER NOT NULL,
    entity INTEGER,
    offset INTEGER,
    length INTEGER,
    text TEXT,
    extra,
    PRIMARY KEY (event, role, position)
) WITHOUT ROWID;
CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
    DELETE FROM participants WHERE event = old.rowid;
END;
-- Links (briefing/index/link.py). Every key linking counts by gets a number in `terms`:
-- an entity (term = its id), a kind of event (event:ASSAULT:aerial), an actor's kind of
-- event (event:ASSAULT:aerial@actor:...), an area (SYR/Deir ez-Zor); `name` is how an
-- analyst reads it (null for entities: their name is in `entities`).
CREATE TABLE terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, name TEXT);
-- What each article is about: each term with how often it comes up (mentions, events).
CREATE TABLE article_terms (
    term INTEGER NOT NULL,
    article INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (term, article)
) WITHOUT ROWID;
-- An article's terms the other way: `terms` lists their ids (a JSON array, so that SQL
-- reads it with json_each): in 1/3 of the room an index on article_terms(article) took.
CREATE TABLE linked_articles (
    article INTEGER PRIMARY KEY,
    norm REAL NOT NULL,
    terms TEXT NOT NULL
);
CREATE TRIGGER link_articles_ad AFTER DELETE ON articles BEGIN
    DELETE FROM article_terms WHERE article = old.rowid AND term IN (SELECT value FROM
        json_each((SELECT terms FROM linked_articles WHERE article = old.rowid)));
    DELETE FROM linked_articles WHERE article = old.rowid;
END;
-- Reports that can be clustered, by type, key (an actor, target or area: terms.id) and day
-- (date.toordinal()), so that clustering looks only at reports that share something.
CREATE TABLE event_keys (
    type INTEGER NOT NULL,
    key INTEGER NOT NULL,
    day INTEGER NOT NULL,
    event INTEGER NOT NULL,
    PRIMARY KEY (type, key, day, event)
) WITHOUT ROWID;
CREATE TABLE dirty_clusters (cluster INTEGER PRIMARY KEY);
-- Marks (briefing/marks.py): keyed by stable ids, so that marks survive re-indexing.
CREATE TABLE marks (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    created TEXT NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;
"""
# Indexes made after the tables. Those of BULK_INDEXES, which writing events keeps up to
# date row by row, an indexing run into an empty index drops and builds each once after
# its last batch (sorting what it indexes), as the evidence keys are random and each
# insert touched a page of their index anywhere (100k: the writer's CPU -19 s, 5.8 GB
# written to disk instead of 7.4; building them: 3.3-4 s). ``end_bulk`` puts back any
# that a stopped run left out. The one on article stays: through it the app shows an
# article's events while a first run writes (100k: 1-6 ms; 2.1-2.4 s without it).
INDEXES = {
    "events_article": "CREATE INDEX events_article ON events(article)",
    "events_evidence": "CREATE INDEX events_evidence ON events(evidence) WHERE evidence IS NOT NULL",
    "participants_entity": (
        "CREATE INDEX participants_entity ON participants(entity, role) WHERE entity IS NOT NULL"
    ),
}
BULK_INDEXES = ("events_evidence", "participants_entity")
SCHEMA += "".join(f"{ddl};\n" for ddl in INDEXES.values())
FTS_AUTOMERGE = 4  # FTS5's own default
# 5: FTS5 detail=column; 6: text stored as is (neither released: rebuilt, marks kept)
BASE_VERSION = 7

MIGRATIONS: list[str] = [
    # BASE_VERSION + 1, ... : append here, never edit one.
    # 8: feeds followed (briefing/feeds): each feed with its last status; each entry met,
    # by feed and guid, with the article it is stored as (one article, every source kept);
    # each story's canonical URL and text signature (de-duplication); articles read.
    """
    CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        name TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        site_url TEXT,
        title TEXT,
        added TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        checked TEXT,
        updated TEXT,
        status TEXT,
        detail TEXT,
        http_status INTEGER,
        new_items INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE feed_items (
        feed INTEGER NOT NULL,
        guid TEXT NOT NULL,
        article TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        published TEXT,
        seen TEXT NOT NULL,
        PRIMARY KEY (feed, guid)
    ) WITHOUT ROWID;
    CREATE INDEX feed_items_article ON feed_items(article);
    CREATE TABLE stories (
        article TEXT PRIMARY KEY,
        canonical TEXT,
        signature BLOB,
        full_text TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX stories_canonical ON stories(canonical) WHERE canonical IS NOT NULL;
    CREATE TABLE read_articles (article TEXT PRIMARY KEY, read TEXT NOT NULL) WITHOUT ROWID;
    """,
]

SCHEMA_VERSION = BASE_VERSION + len(MIGRATIONS)
# With texts compressed, 8 KB pages: 16 KB ones were 0.8% smaller at 10k but 4% larger
# at 1k (each of ~30 tables and indexes ends in a part-filled page); 4 KB: 3% larger at 10k.
PAGE_SIZE = 8192


# An article's path as it was read (see `line` in the schema).
ARTICLE_PATH = (
    "CASE WHEN line IS NULL THEN path WHEN line = 0 THEN file ELSE file || '#' || line END"
)


def path_columns(path: str | None, file: str) -> tuple[str | None, int | None]:
    """``path`` and ``line`` of an article read from ``path`` in ``file``."""
    if path == file:
        return None, 0
    if path and path.startswith(file + "#"):
        line = path[len(file) + 1 :]
        if line.isascii() and line.isdigit() and line == str(int(line)) and int(line) > 0:
            return None, int(line)
    return path, None


class IndexError_(RuntimeError):
    """The index file cannot be used (not a briefing index, or from a newer version)."""


# Python's sqlite3 binds int, float and str as they are, but first offers any other value
# (None, bytes) to the adapter registry, then asks the value and the protocol for
# ``__conform__``/``__adapt__``: two failed attribute lookups, one raising and clearing an
# AttributeError, for each null the writer binds (some 150 an article). Registered
# adapters are found first, and these give the value back as it is: the same binding,
# 4% of the writer's instructions fewer (bench_writer, 10k). Process-wide, and harmless
# to any other connection: sqlite3 binds None and bytes as NULL and BLOB either way.
sqlite3.register_adapter(type(None), lambda value: value)
sqlite3.register_adapter(bytes, lambda value: value)


def connect(db: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the index at ``db``."""
    if readonly and not db.exists():
        raise IndexError_(f"no index at {db}; run `briefing index PATH` first")
    db.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    con.row_factory = sqlite3.Row
    compress.register(con)  # before anything reads or deletes an article's text
    try:
        # both take effect only on a new file
        con.execute(f"PRAGMA page_size={PAGE_SIZE}")
        con.execute("PRAGMA auto_vacuum=INCREMENTAL")  # so that compact() can shrink it
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=NORMAL")
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
    if current < BASE_VERSION:
        with transaction(con):
            files = _old_files(con) if current else []
            marks = _drop_old_schema(con) if current else []
            for statement in _statements(SCHEMA):
                con.execute(statement)
            con.executemany("INSERT INTO marks(kind, id, created) VALUES (?,?,?)", marks)
            set_meta(con, "schema_version", str(BASE_VERSION))
            if current:  # the faces tell the analyst until the next indexing run
                set_meta(con, EMPTIED, dumps(files))
        current = BASE_VERSION
    for number in range(current, SCHEMA_VERSION):
        with transaction(con):
            for statement in _statements(MIGRATIONS[number - BASE_VERSION]):
                con.execute(statement)
            set_meta(con, "schema_version", str(number + 1))


EMPTIED = "emptied"  # meta key: the files an older schema's index held, until indexed again


def _old_files(con: sqlite3.Connection) -> list[str]:
    try:
        return [r[0] for r in con.execute("SELECT path FROM files ORDER BY path")]
    except sqlite3.DatabaseError:
        return []


def emptied_note(con: sqlite3.Connection) -> str | None:
    """What to tell the analyst when opening an index an upgrade emptied (None if not)."""
    files = get_meta(con, EMPTIED)
    if files is None:
        return None
    listed: list[str] = json.loads(files)
    where = " ".join(f"'{f}'" for f in listed[:3]) + (" ..." if len(listed) > 3 else "")
    return (
        "the index was made by an older briefing and has been emptied (marks kept): "
        f"run `briefing index {where or 'PATH'}` to fill it again"
    )


def _drop_old_schema(con: sqlite3.Connection) -> list[tuple]:
    """Drop an index from before BASE_VERSION (its files are indexed again); return its marks."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    marks = (
        con.execute("SELECT kind, id, created FROM marks").fetchall() if "marks" in tables else []
    )
    if "articles_fts" in tables:
        con.execute("DROP TABLE articles_fts")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='view'").fetchall():
        con.execute(f'DROP VIEW "{name}"')
    for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        con.execute(f'DROP TABLE "{name}"')
    return [tuple(m) for m in marks]


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


def start_bulk(con: sqlite3.Connection) -> None:
    """Before writing into an empty index: drop the indexes of ``BULK_INDEXES``, and let
    the full-text index keep the segment each batch adds, unmerged, until ``compact``
    merges them all at once (merging as it goes rewrote them level after level: 10k:
    1.1 -> 0.8 s of CPU with the last merge, 100k: 13.1 -> 10.3 s)."""
    for name in BULK_INDEXES:
        con.execute(f"DROP INDEX IF EXISTS {name}")
    con.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 0)")


def end_bulk(con: sqlite3.Connection) -> None:
    """Build those of ``INDEXES`` that the index lacks, and have the full-text index
    merge its segments as it grows again (also after a run stopped short of this)."""
    present = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    for name, ddl in INDEXES.items():
        if name not in present:
            con.execute(ddl)
    if con.execute("SELECT 1 FROM articles_fts_config WHERE k = 'automerge' AND v = 0").fetchone():
        con.execute(
            f"INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', {FTS_AUTOMERGE})"
        )


def compact(con: sqlite3.Connection) -> None:
    """Merge the full-text index into one segment (batches of inserts leave many, nearly
    twice its size), then write every table and index again packed: inserts in key order
    of another table, and rows that grow once linked (events.cluster), leave their pages
    a seventh empty on average (10k: 4.9 MB). VACUUM costs 0.3-0.7 s at 10k, 4.5 s at 100k."""
    con.execute("INSERT INTO articles_fts(articles_fts) VALUES('optimize')")
    try:
        con.execute("VACUUM")
    except sqlite3.OperationalError:  # another connection is writing: at least give back
        if con.execute("PRAGMA auto_vacuum").fetchone()[0] == 2:  # the free pages
            # executescript steps the pragma to the end (execute frees a single page)
            con.executescript("PRAGMA incremental_vacuum;")
    empty_wal(con)  # VACUUM went through the write-ahead log: no second copy kept


def empty_wal(con: sqlite3.Connection) -> None:
    """Copy the write-ahead log into the index and truncate it, unless a reader (the app,
    during a background run) still reads an older state: then copy what can be copied
    without waiting, and SQLite empties it later."""
    timeout = con.execute("PRAGMA busy_timeout").fetchone()[0]
    con.execute("PRAGMA busy_timeout=0")
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.execute(f"PRAGMA busy_timeout={int(timeout)}")


def get_meta(con: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return row[0] if row else default


def set_meta(con: sqlite3.Connection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))


def add_article(con: sqlite3.Connection, row: dict[str, object]) -> int:
    """Insert an article (``row``: its columns, ``body`` the text packed by
    ``compress.pack_text``); return its rowid. Its full-text entry is ``add_texts``'."""
    names = ", ".join(row)
    cur = con.execute(
        f"INSERT INTO articles({names}) VALUES ({','.join('?' * len(row))})", list(row.values())
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def add_texts(con: sqlite3.Connection, entries: Iterable[tuple[int, str, str]]) -> None:
    """The full-text entries (rowid, title, text) of articles just added, after every other
    write of the transaction: FTS5 holds new terms in memory and writes them out as a new
    segment whenever a later statement of the transaction opens a savepoint (an insert into
    a table with a unique key does), so entries added between other writes made a segment
    an article, and merging them back cost the writer ~10% of its time."""
    con.executemany("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)", entries)


def delete_articles(con: sqlite3.Connection, rowids: list[int]) -> None:
    """Delete articles with their mentions and events (and, through the hooks and
    triggers, what linking and search keep about them)."""
    for i in range(0, len(rowids), 500):
        chunk = rowids[i : i + 500]
        for hook in DELETE_HOOKS:
            hook(con, chunk)
        marks = ",".join("?" * len(chunk))
        con.execute(f"DELETE FROM events WHERE article IN ({marks})", chunk)
        con.execute(f"DELETE FROM mentions WHERE article IN ({marks})", chunk)
        con.execute(f"DELETE FROM articles WHERE rowid IN ({marks})", chunk)


# Other parts of the index (linking) register what they must drop with deleted articles;
# a hook runs before the articles' rows are deleted.
DELETE_HOOKS: list[Callable[[sqlite3.Connection, list[int]], None]] = []


class Labels:
    """The ``labels`` table both ways: short repeated words of events and their numbers."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.word = dict(con.execute("SELECT id, label FROM labels"))
        self.number = {w: i for i, w in self.word.items()}

    def id(self, label: str | None) -> int | None:
        """The number of ``label`` (added if new; inside the writer's transaction)."""
        if label is None:
            return None
        found = self.number.get(label)
        if found is None:
            found = self.con.execute("INSERT INTO labels(label) VALUES (?)", (label,)).lastrowid
            self.number[label], self.word[found] = found, label
        return found

    def find(self, label: str) -> int:
        """The number of ``label`` to query by (-1, matching nothing, if never stored)."""
        return self.number.get(label, -1)


# One encoder for every row: json.dumps with options builds a new one each call (2 us of
# a participant's 3; the writer stores tens of these an article).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def dumps(value: object) -> str:
    return _ENCODE(value)

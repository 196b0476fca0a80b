"""Article text is stored compressed and every reader still gets the exact text back."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from briefing import marks
from briefing.index import compress
from briefing.index.indexer import index_paths
from briefing.index.queries import Index
from briefing.index.search import full_text
from briefing.index.store import SCHEMA_VERSION, connect, emptied_note, schema_version
from briefing.ingest import read_file
from briefing.model import Article

DICTIONARY_1_SHA256 = "e72284c287c4b0956c28481b9e845ecc22d63e44ea3e263e6560f8da364b1cba"

HOSTILE = [
    "",
    "plain ASCII",
    "قصفت الطائرات الحربية السورية مدينة حلب يوم الثلاثاء",
    "Dayr az-Zawr / Deir ez-Zor — “quotes”, naïve café, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, 🚀🔥, e\u0301",
    "[/] [bold]not markup[/bold] [link=https://x]x[/link] \x1b[31mred\x1b[0m",
    "control \x00 \x07 \x7f\u200b\u202e characters",
    "x" * 200_000,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_round_trips_through_compression(text):
    body = compress.pack_text(text)
    assert compress.unpack_text(body) == text
    assert compress.unpack_text(compress.pack_text(text, compress.NONE)) == text
    con = sqlite3.connect(":memory:")
    compress.register(con)
    assert con.execute("SELECT article_text(?)", (body,)).fetchone()[0] == text


def test_long_text_takes_less_room():
    text = " ".join(
        f"Government forces shelled the town of Kafr Nabudah, {n} killed." for n in range(40)
    )
    assert len(compress.pack_text(text)) < len(text.encode()) / 2


def test_an_unknown_or_damaged_body_is_refused_not_misread():
    with pytest.raises(ValueError, match="format"):
        compress.unpack_text(b"\x7fnot a body")
    body = compress.pack_text("Airstrikes hit Idlib. " * 20)
    with pytest.raises(ValueError, match="truncated"):
        compress.unpack_text(body[:-3])


def test_the_released_dictionary_never_changes():
    # Bodies written with dictionary 1 need exactly these bytes: a better dictionary is a
    # new file and a new number (see briefing.index.compress), never an edit of this one.
    digest = hashlib.sha256(compress.dictionary(compress.NEWS_1)).hexdigest()
    assert digest == DICTIONARY_1_SHA256


@pytest.fixture
def hostile_index(tmp_path):
    records = [
        {"id": "ar", "title": "حلب", "text": HOSTILE[2] + ". The Syrian army shelled Aleppo."},
        {"id": "mix", "title": "Mixed", "text": HOSTILE[3] + " Airstrikes hit Idlib on Monday."},
        {"id": "markup", "title": "Markup", "text": HOSTILE[4] + " Rebels attacked Hama."},
    ]
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    con = connect(tmp_path / "i.sqlite3")
    index_paths(con, [path], jobs=1)
    con.close()
    clean = {a.id: a.text for a in read_file(path) if isinstance(a, Article)}
    with Index(tmp_path / "i.sqlite3") as index:
        yield index, path, clean


def test_every_reader_gets_the_clean_text_back(hostile_index):
    index, _, clean = hostile_index
    for article_id, text in clean.items():
        assert index.article(article_id)["text"] == text
        for m in index.mentions(article_id):
            assert text[m["start"] : m["end"]] == m["text"]
    for ev in index.events(modality=None):
        text = clean[ev["article_id"]]
        assert text[ev["start"] : ev["end"]] == ev["sentence"]


def test_full_text_search_finds_and_snippets_compressed_text(hostile_index):
    index, _, clean = hostile_index
    hits = full_text(index, "حلب")
    assert [h["id"] for h in hits] == ["ar"]
    assert "حلب" in hits[0]["snippet"]
    hits = full_text(index, "cafe")  # diacritics folded, as before
    assert [h["id"] for h in hits] == ["mix"] and "café" in hits[0]["snippet"]
    marked = index.con.execute(
        "SELECT highlight(articles_fts, 1, '<', '>') FROM articles_fts"
        " WHERE articles_fts MATCH 'Hama'"
    ).fetchone()[0]
    assert "<Hama>" in marked and marked.replace("<", "").replace(">", "") == clean["markup"]


def test_a_changed_article_leaves_no_stale_words_in_search(hostile_index, tmp_path):
    index, path, _ = hostile_index
    lines = path.read_text("utf-8").splitlines()
    record = json.loads(lines[2])
    record["text"] = "Rebels withdrew from Homs."
    lines[2] = json.dumps(record)
    path.write_text("\n".join(lines), "utf-8")
    index_paths(index.con, [path], jobs=1)
    assert [h["id"] for h in full_text(index, "Hama")] == []
    assert [h["id"] for h in full_text(index, "Homs")] == ["markup"]
    # the full-text index agrees with the stored texts (FTS5 checks every row)
    index.con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


# An index of the previous schema (6): the text stored as is, the full-text index over it.
SCHEMA_6 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL);
CREATE TABLE articles (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    file TEXT NOT NULL, text TEXT NOT NULL, hash TEXT NOT NULL);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles',
    content_rowid='rowid');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TABLE marks (kind TEXT NOT NULL, id TEXT NOT NULL, created TEXT NOT NULL,
    PRIMARY KEY (kind, id)) WITHOUT ROWID;
INSERT INTO meta VALUES ('schema_version', '6');
INSERT INTO files VALUES ('/old/a.txt', 10, 1);
INSERT INTO articles(id, title, file, text, hash) VALUES ('a', 'Old', '/old/a.txt', 'text', 'h');
INSERT INTO marks VALUES ('article', 'a', '2025-01-01T00:00:00+00:00');
INSERT INTO marks VALUES ('actor', 'actor:state:SYR', '2025-01-02T00:00:00+00:00');
"""


def test_an_index_of_the_previous_schema_is_rebuilt_keeping_marks(tmp_path):
    db = tmp_path / "old.sqlite3"
    old = sqlite3.connect(db)
    old.executescript(SCHEMA_6)
    old.close()
    with Index(db) as index:
        assert schema_version(index.con) == SCHEMA_VERSION
        assert index.count_articles() == 0  # indexed again by the next `briefing index`
        assert "run `briefing index '/old/a.txt'` to fill it again" in emptied_note(index.con)
        assert marks.is_marked(index, "article", "a")
        assert marks.is_marked(index, "actor", "actor:state:SYR")
        seeds = tmp_path / "seed.txt"
        seeds.write_text("Syrian warplanes struck Idlib on Tuesday.\n", "utf-8")
        index_paths(index.con, [seeds], jobs=1)
        assert emptied_note(index.con) is None
        assert [h["id"] for h in full_text(index, "warplanes")] == [index.articles()[0]["id"]]

"""compact(): the full-text index merged into one segment, freed pages given back."""

from __future__ import annotations

from briefing.index import compress, store


def _fill(con, n: int, start: int = 0) -> None:
    with store.transaction(con):
        for k in range(start, start + n):
            text = f"shelling near town{k} " * 40
            row = {"id": f"a{k}", "title": f"Title {k}", "file": "f.jsonl", "words": 3,
                   "body": compress.pack_text(text), "hash": "h", "extractor": "0"}  # fmt: skip
            store.add_texts(con, [(store.add_article(con, row), row["title"], text)])


def test_compact_shrinks_the_file_and_keeps_search(tmp_path):
    db = tmp_path / "index.sqlite3"
    con = store.connect(db)
    for batch in range(10):  # many small transactions: many FTS5 segments
        _fill(con, 50, batch * 50)
    con.execute("DELETE FROM articles WHERE rowid % 2 = 0")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.stat().st_size
    store.compact(con)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert con.execute("PRAGMA freelist_count").fetchone()[0] == 0
    assert db.stat().st_size < before
    found = lambda word: con.execute(  # noqa: E731
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (word,)
    ).fetchone()[0]
    assert found("town6") == 1  # a6 has rowid 7: kept
    assert found("town7") == 0  # a7 has rowid 8: deleted
    con.close()


def test_compact_while_the_app_reads(tmp_path):
    db = tmp_path / "index.sqlite3"
    con = store.connect(db)
    for batch in range(4):
        _fill(con, 50, batch * 50)
    reader = store.connect(db, readonly=True)  # the app, mid-way through its article list
    rows = reader.execute("SELECT id FROM articles ORDER BY rowid")
    first = rows.fetchone()[0]
    store.compact(con)
    assert [first] + [r[0] for r in rows] == [f"a{k}" for k in range(200)]
    hits = reader.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'town7'")
    assert hits.fetchone()[0] == 1
    reader.close()
    con.close()

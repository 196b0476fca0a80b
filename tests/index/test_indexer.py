"""Indexing is incremental, transactional and complete."""

from __future__ import annotations

import json
import shutil

import pytest

import briefing.index.indexer as indexer
from briefing.index.indexer import index_paths
from briefing.index.link import ArticleTerms
from briefing.index.queries import Index
from briefing.index.related import related_articles
from briefing.index.store import (
    BULK_INDEXES,
    INDEXES,
    SCHEMA_VERSION,
    IndexError_,
    connect,
    schema_version,
    start_bulk,
    transaction,
)
from tests.conftest import CORPUS, SEEDS


@pytest.fixture
def count_extractions(monkeypatch):
    calls = []
    real = indexer.extract_rows

    def counting(article):
        calls.append(article.id)
        return real(article)

    monkeypatch.setattr(indexer, "extract_rows", counting)
    return calls


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "articles"
    shutil.copytree(SEEDS, d)
    return d


def test_second_run_does_no_extraction(folder, tmp_path, count_extractions):
    con = connect(tmp_path / "i.sqlite3")
    first = index_paths(con, [folder], jobs=1)
    assert (first.indexed, first.unchanged, first.removed) == (5, 0, 0)
    count_extractions.clear()
    again = index_paths(con, [folder], jobs=1)
    assert (again.indexed, again.unchanged, again.removed) == (0, 5, 0)
    assert count_extractions == []


def test_changed_input_is_reextracted_and_vanished_input_leaves(
    folder, tmp_path, count_extractions
):
    con = connect(tmp_path / "i.sqlite3")
    index_paths(con, [folder], jobs=1)
    count_extractions.clear()
    changed = folder / "001_bea0e7fc258f55ee.txt"
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\n\nA new paragraph.", encoding="utf-8"
    )
    (folder / "002_2733fd5dd332bd36.txt").unlink()
    s = index_paths(con, [folder], jobs=1)
    assert (s.indexed, s.unchanged, s.removed) == (1, 3, 1)
    assert count_extractions == ["001_bea0e7fc258f55ee"]
    ids = {r[0] for r in con.execute("SELECT id FROM articles")}
    assert "002_2733fd5dd332bd36" not in ids
    text = con.execute(
        "SELECT article_text(body) FROM articles WHERE id='001_bea0e7fc258f55ee'"
    ).fetchone()[0]
    assert text.endswith("A new paragraph.")
    assert (
        con.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Ottoman'"
        ).fetchone()[0]
        == 0
    )


def test_indexing_another_folder_keeps_the_first(folder, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text(
        "Shelling in Homs\n\nShelling hit Homs on Monday.", encoding="utf-8"
    )
    con = connect(tmp_path / "i.sqlite3")
    index_paths(con, [folder], jobs=1)
    s = index_paths(con, [other], jobs=1)
    assert (s.indexed, s.removed) == (1, 0)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 6


def test_same_file_name_in_two_folders_keeps_both(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "report.txt").write_text(
            f"Report {name}\n\nText {name}.", encoding="utf-8"
        )
    con = connect(tmp_path / "i.sqlite3")
    s = index_paths(con, [tmp_path / "a", tmp_path / "b"], jobs=1)
    assert s.indexed == 2
    assert con.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == 2


def test_a_run_killed_midway_is_completed_by_the_next(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(indexer, "BATCH", 2)
    real = indexer.extract_rows
    calls = []

    def dies_on_the_fourth(article):
        calls.append(article.id)
        if len(calls) == 4:
            raise KeyboardInterrupt  # the process is stopped here
        return real(article)

    monkeypatch.setattr(indexer, "extract_rows", dies_on_the_fourth)
    con = connect(tmp_path / "i.sqlite3")
    with pytest.raises(KeyboardInterrupt):
        index_paths(con, [folder], jobs=1)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _indexes(con) >= set(INDEXES)  # built after the last batch written
    assert _merges_full_text(con)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2  # one whole batch
    monkeypatch.setattr(indexer, "extract_rows", real)
    s = index_paths(con, [folder], jobs=1)
    assert (s.indexed, s.unchanged) == (3, 2)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _indexes(con) -> set[str]:
    return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _merges_full_text(con) -> bool:
    """Whether FTS5 merges its segments as rows are added (a first run stops it for a
    while: store.start_bulk)."""
    row = con.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()
    return row is None or row[0] > 0


def test_a_first_run_indexes_its_events_as_one_that_adds_to_an_index(folder, tmp_path):
    # Into an empty index the writer works without the indexes of BULK_INDEXES and
    # builds them at the end; adding to an index keeps them up to date as it writes.
    first, added = connect(tmp_path / "first.sqlite3"), connect(tmp_path / "added.sqlite3")
    index_paths(first, [folder], jobs=1)
    later = tmp_path / "later"
    later.mkdir()
    for path in sorted(folder.iterdir())[2:]:
        path.rename(later / path.name)
    assert index_paths(added, [folder], jobs=1).indexed == 2
    for path in later.iterdir():
        path.rename(folder / path.name)
    assert index_paths(added, [folder], jobs=1).indexed == 3
    for con in (first, added):
        assert _indexes(con) >= set(INDEXES)
        assert _merges_full_text(con)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Index(tmp_path / "first.sqlite3") as a, Index(tmp_path / "added.sqlite3") as b:
        for article in a.articles():
            assert a.events(article=article["id"], modality=None) == b.events(
                article=article["id"], modality=None
            )
        actor = "actor:state:SYR"
        assert a.events(actor=actor, modality=None) == b.events(actor=actor, modality=None)


def test_while_a_first_run_writes_an_articles_events_are_found_by_index(folder, tmp_path):
    con = connect(tmp_path / "i.sqlite3")
    with transaction(con):
        start_bulk(con)
    assert "events_article" in _indexes(con)  # what the app asks of each article shown
    assert not _indexes(con) & set(BULK_INDEXES)
    plan = " ".join(
        r[3] for r in con.execute("EXPLAIN QUERY PLAN SELECT rowid FROM events WHERE article = 1")
    )
    assert "USING COVERING INDEX events_article" in plan


def test_indexes_a_stopped_run_left_out_are_built_by_the_next(folder, tmp_path):
    con = connect(tmp_path / "i.sqlite3")
    index_paths(con, [folder], jobs=1)
    with transaction(con):
        start_bulk(con)  # as a run killed before its end leaves it
    assert not _merges_full_text(con)
    assert index_paths(con, [folder], jobs=1).unchanged == 5
    assert _indexes(con) >= set(INDEXES)
    assert _merges_full_text(con)


def test_parallel_extraction_gives_the_same_index(tmp_path):
    text = (SEEDS / "004_4fad9717a6f5e81a.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": f"a{i}", "title": f"T{i}", "text": text + f" Note {i}."})
        for i in range(80)
    ]
    # what only the whole run knows, met in the middle of the workers' shares: an id
    # twice in one file, blank and broken lines, an id another file has too
    lines[40] = lines[7]
    lines[41] = ""
    lines[42] = "{not json"
    big = tmp_path / "many.jsonl"
    big.write_text("\n".join(lines), encoding="utf-8")
    other = tmp_path / "more.jsonl"
    other.write_text(lines[3] + "\n" + lines[5].replace("Note 5", "Note five"), encoding="utf-8")
    serial, parallel = connect(tmp_path / "s.sqlite3"), connect(tmp_path / "p.sqlite3")
    one = index_paths(serial, [big, other], jobs=1)
    two = index_paths(parallel, [big, other], jobs=2)
    assert (two.indexed, two.unchanged, [str(p) for p in two.skipped]) == (
        one.indexed,
        one.unchanged,
        [str(p) for p in one.skipped],
    )
    assert [str(p).split(": ", 1)[1] for p in two.skipped] == [
        "duplicate id 'a7'; the first is kept",
        "malformed JSON (Expecting property name enclosed in double quotes at column 2)",
    ]
    with Index(tmp_path / "s.sqlite3") as s, Index(tmp_path / "p.sqlite3") as p:
        assert s.events(modality=None) == p.events(modality=None)
        assert [a["id"] for a in s.articles()] == [a["id"] for a in p.articles()]
    ids = {r[0] for r in parallel.execute("SELECT id FROM articles")}
    assert len(ids) == 77 + 2 and "a3" in ids and any(i.startswith("a3-") for i in ids)
    again = index_paths(parallel, [big, other], jobs=2)
    assert (again.indexed, again.unchanged) == (0, 79)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_entity_first_named_by_a_passed_over_article_is_kept(tmp_path, jobs):
    # A worker sends a dictionary entity's row once, with the first article naming it;
    # here that article is a duplicate id the writer passes over, and the next one
    # naming the place comes without the row.
    lines = [{"id": f"a{i}", "text": f"Report {i} from Aleppo."} for i in range(70)]
    lines[1] = {"id": "a0", "text": "Shelling in Hama."}  # passed over: a0 is met before
    lines[2] = {"id": "a2", "text": "More shelling in Hama."}
    lines[40] = {"id": "a7", "text": "Fighting near Palmyra."}
    lines[41] = {"id": "a41", "text": "Fighting near Palmyra again."}
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    con = connect(tmp_path / "i.sqlite3")
    s = index_paths(con, [path], jobs=jobs)
    assert s.indexed == 68 and len(s.skipped) == 2
    with Index(tmp_path / "i.sqlite3") as index:
        for name, article in (("Hama", "a2"), ("Palmyra", "a41")):
            (hit,) = [e for e in index.entities() if e["name"] == name]
            assert (hit["mentions"], hit["articles"]) == (1, 1)
            assert name in [m["name"] for m in index.mentions(article)]


def _fails_on_a50(article):
    if article.id == "a50":
        raise ValueError("no sense in a50")
    return REAL_EXTRACT_ROWS(article)


REAL_EXTRACT_ROWS = indexer.extract_rows


def test_a_failing_worker_stops_the_run_and_keeps_the_index_whole(tmp_path, monkeypatch):
    big = tmp_path / "many.jsonl"
    big.write_text(
        "\n".join(
            json.dumps({"id": f"a{i}", "text": f"Report {i} from Aleppo."}) for i in range(90)
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(indexer, "BATCH", 10)
    monkeypatch.setattr(indexer, "extract_rows", _fails_on_a50)  # the forked workers have it
    con = connect(tmp_path / "i.sqlite3")
    with pytest.raises(ValueError, match="no sense in a50"):
        index_paths(con, [big], jobs=2)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert done % 10 == 0 and done <= 50  # whole batches, none past the failure
    monkeypatch.setattr(indexer, "extract_rows", REAL_EXTRACT_ROWS)
    s = index_paths(con, [big], jobs=2)
    assert s.indexed + s.unchanged == 90 and s.unchanged == done


def test_schema_is_versioned_and_foreign_files_refused(tmp_path):
    con = connect(tmp_path / "i.sqlite3")
    assert schema_version(con) == SCHEMA_VERSION
    con.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    con.close()
    with pytest.raises(IndexError_, match="newer than this briefing"):
        connect(tmp_path / "i.sqlite3")
    other = tmp_path / "other.sqlite3"
    import sqlite3

    sqlite3.connect(other).execute("CREATE TABLE t(x)").connection.commit()
    with pytest.raises(IndexError_, match="not a briefing index"):
        connect(other)
    (tmp_path / "garbage.sqlite3").write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(IndexError_):
        connect(tmp_path / "garbage.sqlite3")


@pytest.mark.skipif(not CORPUS.exists(), reason="the corpus lives in ../shared/corpus")
def test_the_corpus_indexes_with_its_dates(tmp_path):
    con = connect(tmp_path / "i.sqlite3")
    s = index_paths(con, [CORPUS])
    assert (s.indexed, len(s.skipped)) == (792, 0)
    with Index(tmp_path / "i.sqlite3") as index:
        rows = index.articles()
        assert len(rows) == 792
        assert sum(1 for r in rows if r["date"]) == 776  # 16 articles have no dateline
        first = index.article("fakes-1914947530")
        assert first["date"] == "2017-04-05" and first["source"] == "nna"
        hits = index.con.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'sarin'"
        ).fetchone()[0]
        assert hits > 10


def _article_terms(con) -> tuple[list, list, list]:
    return (
        [tuple(r) for r in con.execute(
            "SELECT a.id, t.term, at.count FROM article_terms at JOIN articles a"
            " ON a.rowid = at.article JOIN terms t ON t.id = at.term ORDER BY 1, 2"
        )],
        [tuple(r) for r in con.execute(
            "SELECT a.id, l.norm FROM linked_articles l JOIN articles a ON a.rowid = l.article"
            " ORDER BY 1"
        )],
        [tuple(r) for r in con.execute("SELECT term, name FROM terms ORDER BY 1")],
    )  # fmt: skip


@pytest.mark.parametrize(
    "source",
    [
        SEEDS,
        pytest.param(
            CORPUS,
            marks=pytest.mark.skipif(not CORPUS.exists(), reason="the corpus is in ../shared"),
        ),
    ],
)
def test_the_writer_counts_article_terms_as_linking_reads_them(tmp_path, source):
    # The writer counts each article's terms from what it has just written; re-linking
    # reads them back from the index. Both count the same, state organs included.
    con = connect(tmp_path / "i.sqlite3")
    index_paths(con, [source], jobs=1)
    written = _article_terms(con)
    assert any("@actor:state:" in term for _, term, _ in written[0])
    with transaction(con):
        ArticleTerms(con).write([r[0] for r in con.execute("SELECT rowid FROM articles")])
    assert _article_terms(con) == written


@pytest.mark.skipif(not CORPUS.exists(), reason="the corpus lives in ../shared/corpus")
def test_a_run_stopped_short_leaves_linking_and_counts_to_the_next(tmp_path):
    """Entity statistics and same-event clusters of the articles a stopped run wrote are
    made by the next run (before, their entities kept no counts: missing from lists)."""
    data = tmp_path / "slice.jsonl"
    with CORPUS.open("rb") as fh:
        data.write_bytes(b"".join(fh.readline() for _ in range(60)))
    stopped = connect(tmp_path / "stopped.sqlite3")
    asked: list[int] = []
    first = index_paths(
        stopped, [data], jobs=1, cancelled=lambda: asked.append(1) or len(asked) > 20
    )
    assert 0 < first.indexed < 60
    index_paths(stopped, [data], jobs=1)
    stopped.close()
    straight = connect(tmp_path / "straight.sqlite3")
    index_paths(straight, [data], jobs=1)
    straight.close()
    found = []
    for name in ("stopped", "straight"):
        with Index(tmp_path / f"{name}.sqlite3", readonly=True) as index:
            found.append(
                (
                    sorted((e["id"], e["mentions"], e["articles"]) for e in index.entities()),
                    sorted(
                        map(
                            tuple,
                            index.con.execute(
                                "SELECT e.event_id, c.event_id FROM events e"
                                " LEFT JOIN events c ON c.rowid = e.cluster"
                            ),
                        )
                    ),
                    [related_articles(index, a["id"]) for a in index.articles()],
                )
            )
    assert found[0] == found[1]


@pytest.mark.parametrize("jobs", [1, 2])
def test_lines_arriving_while_indexing_are_indexed_once(tmp_path, jobs):
    """A thread appends JSONL lines under the indexed folder while the indexer runs (as
    ``briefing update`` does) and hands them over: each article is written once, and the
    next run finds the files unchanged."""
    import threading
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8")][:40]
    (folder / "old.jsonl").write_text(json.dumps(records[0]) + "\n")  # there at the start
    opened = threading.Event()
    arrivals = indexer.Arrivals(opened=opened.set)

    def append() -> None:
        opened.wait()
        for n, path in enumerate((folder / "old.jsonl", folder / "new.jsonl")):
            first = 2 if n == 0 else 1
            for k in range(3):  # three appends a file, a little apart
                chunk = records[1 + n * 20 + k * 6 : 1 + n * 20 + (k + 1) * 6]
                lines = [(json.dumps(r) + "\n").encode() for r in chunk]
                with path.open("ab") as fh:
                    fh.write(b"".join(lines))
                arrivals.put(str(path), first, lines)
                first += len(lines)
                time.sleep(0.05)
        arrivals.close()

    threading.Thread(target=append, daemon=True).start()
    db = tmp_path / "index.sqlite3"
    with connect(db) as con:
        summary = index_paths(con, [folder], jobs=jobs, arriving=arrivals)
        assert (summary.indexed, summary.skipped) == (37, [])
        again = index_paths(con, [folder], jobs=jobs)
        assert (again.indexed, again.unchanged, again.skipped) == (0, 37, [])
    with Index(db) as idx:
        assert idx.count_articles() == 37

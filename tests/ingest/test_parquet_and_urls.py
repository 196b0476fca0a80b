"""Parquet collections and collections on storage fsspec reads (URLs): read like JSONL,
and every bad input is reported with its reason, never fatal."""

from __future__ import annotations

import json
import uuid

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
fsspec = pytest.importorskip("fsspec")

from briefing.index.indexer import index_paths  # noqa: E402
from briefing.index.store import connect  # noqa: E402
from briefing.ingest import Problem, discover, read_file  # noqa: E402
from briefing.model import Article  # noqa: E402

RECORDS = [
    {"id": "a1", "title": "Strike on Idlib", "date": "2017-04-05", "text": "Warplanes struck Idlib on Tuesday, killing 12 people."},
    {"id": "a2", "title": None, "date": None, "text": ""},
    {"id": "a3", "title": "Shelling in Aleppo", "date": "2016-08-01", "text": "Shelling hit Aleppo."},
    {"id": "a1", "title": "Again", "date": None, "text": "A second record with the first one's id."},
]  # fmt: skip


def test_parquet_rows_are_articles_and_bad_rows_are_reported(tmp_path):
    path = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(RECORDS), path, row_group_size=2)
    found = list(read_file(path))
    assert [a.id for a in found if isinstance(a, Article)] == ["a1", "a3"]
    assert found[0].path == f"{path}#1" and found[0].date == "2017-04-05"
    problems = [(p.line, p.reason) for p in found if isinstance(p, Problem)]
    assert problems == [(2, "no 'text' or 'content'"), (4, "duplicate id 'a1'; the first is kept")]


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"PAR1 this is no parquet", "not a readable Parquet file"),
        (b"", "not a readable Parquet file"),
        (None, "no 'text', 'content' or 'body' column"),
    ],
)
def test_a_bad_parquet_file_is_one_problem(tmp_path, content, reason):
    path = tmp_path / "bad.parquet"
    if content is None:
        pq.write_table(pa.Table.from_pylist([{"id": "x", "words": 3}]), path)
    else:
        path.write_bytes(content)
    (problem,) = read_file(path)
    assert isinstance(problem, Problem) and reason in problem.reason


def test_a_parquet_text_of_the_wrong_type_is_reported(tmp_path):
    path = tmp_path / "typed.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "n", "text": 42}, {"id": "m", "text": 7}]), path)
    found = list(read_file(path))
    assert [(p.line, p.reason) for p in found] == [(n, "no 'text' or 'content'") for n in (1, 2)]


def _put(url: str, data: bytes) -> None:
    with fsspec.open(url, "wb") as fh:
        fh.write(data)


def test_a_jsonl_collection_at_a_url_is_indexed_and_a_rerun_skips_it(tmp_path):
    root = f"memory://news-{uuid.uuid4().hex}"
    _put(f"{root}/day1.jsonl", b"".join(json.dumps(r).encode() + b"\n" for r in RECORDS[:3]))
    pq.write_table(pa.Table.from_pylist(RECORDS[2:3]), tmp_path / "x.parquet")
    _put(f"{root}/day2.parquet", (tmp_path / "x.parquet").read_bytes())
    con = connect(tmp_path / "i.sqlite3")
    done = index_paths(con, [f"{root}/*"], jobs=1)
    assert done.indexed == 3  # a1, a3 from day1; a3 again from day2, under an id of its own
    files = [r[0] for r in con.execute("SELECT DISTINCT file FROM articles ORDER BY file")]
    named = root.replace("memory://", "memory:///")  # as the storage names what a glob found
    assert files == [f"{named}/day1.jsonl", f"{named}/day2.parquet"]
    assert [str(p) for p in done.skipped] == [f"{files[0]}:2: no 'text' or 'content'"]
    again = index_paths(con, [f"{root}/*"], jobs=1)
    assert (again.indexed, again.unchanged) == (0, 3)


@pytest.mark.parametrize(
    "url, reason",
    [
        ("memory://nowhere/missing.jsonl", "no such file"),
        ("memory://nowhere/none-*.jsonl", "no such file"),
        ("nosuchprotocol://x/y.jsonl", "cannot read"),
    ],
)
def test_a_url_that_cannot_be_read_is_reported(url, reason):
    problems: list[Problem] = []
    assert list(discover([url], problems)) == []
    assert [p.path for p in problems] == [url] and reason in problems[0].reason


def test_a_url_of_another_kind_of_file_is_reported():
    url = f"memory://news-{uuid.uuid4().hex}/page.html"
    _put(url, b"<p>hello</p>")
    problems: list[Problem] = []
    assert list(discover([url], problems)) == []
    assert "a URL names a .jsonl or .parquet collection" in problems[0].reason

"""Extraction scaled out on Dask (briefing.index.scale) makes the index the single-process
path makes, record by record; a worker killed mid-run loses and doubles nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("dask.distributed")
pytest.importorskip("pyarrow")

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from briefing.cli import main  # noqa: E402
from briefing.index import scale  # noqa: E402
from briefing.index.indexer import _tasks, extract_batch, index_paths  # noqa: E402
from briefing.index.queries import Index  # noqa: E402
from briefing.index.related import related_articles  # noqa: E402
from briefing.index.store import connect  # noqa: E402
from briefing.ingest import discover  # noqa: E402
from tests.conftest import CORPUS, SEEDS  # noqa: E402

needs_corpus = pytest.mark.skipif(
    not CORPUS.exists(), reason="the corpus lives in ../shared/corpus"
)
# Every table of the index but meta (it holds the time of the run).
TABLES = ("files", "articles", "entities", "mentions", "labels", "events", "participants",
          "terms", "article_terms", "linked_articles", "event_keys", "dirty_clusters")  # fmt: skip


def corpus_lines(n: int) -> list[bytes]:
    with CORPUS.open("rb") as fh:
        return [fh.readline() for _ in range(n)]


@pytest.fixture
def inputs(tmp_path) -> list[Path]:
    """A slice of the corpus as JSONL (with a blank line, a bad line, a doubled id and no
    newline at the end), as Parquet in row groups, and the seed folder."""
    lines = corpus_lines(90)
    jsonl = tmp_path / "in" / "slice.jsonl"
    jsonl.parent.mkdir()
    body = lines[:40] + [b"\n", b"{not json\n", lines[3]] + lines[40:70]
    jsonl.write_bytes(b"".join(body).rstrip(b"\n"))
    records = [json.loads(raw) for raw in lines[70:90]]
    pq.write_table(
        pa.Table.from_pylist(records), tmp_path / "in" / "slice.parquet", row_group_size=7
    )
    shutil.copytree(SEEDS, tmp_path / "in" / "seeds")
    return [tmp_path / "in"]


def tables(db: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        return {t: sorted(map(tuple, con.execute(f"SELECT * FROM {t}")), key=repr) for t in TABLES}
    finally:
        con.close()


def straight_run(data: Path, tmp_path: Path) -> Path:
    """The index of ``data`` made by one process straight through."""
    db = tmp_path / "single.sqlite3"
    single = connect(db)
    index_paths(single, [data], jobs=1)
    single.close()
    return db


def records(db: Path) -> dict[str, list]:
    """What the faces read, by stable ids: articles, entities with their counts, events
    with their clusters, and each article's related articles (numbering inside the index
    may differ between a run stopped and completed and a run straight through)."""
    with Index(db, readonly=True) as index:
        articles = index.articles()
        return {
            "articles": articles,
            "entities": sorted(index.entities(), key=lambda e: e["id"]),
            "events": index.events(modality=None),
            "related": [related_articles(index, a["id"]) for a in articles],
            "clusters": [
                tuple(r)
                for r in index.con.execute(
                    "SELECT e.event_id, c.event_id FROM events e"
                    " LEFT JOIN events c ON c.rowid = e.cluster ORDER BY e.event_id"
                )
            ],
        }


@pytest.fixture(scope="module")
def running():
    with scale.cluster(workers=2, dashboard_address=":0") as c:
        yield c


def test_plan_cuts_lines_and_rows_into_the_tasks_the_single_process_path_reads(inputs):
    files = list(discover(inputs, []))
    parts = scale.plan(files, size=10)
    assert [p.number for p in parts] == list(range(len(parts)))
    assert all(p.articles <= 10 or p.pieces[-1].kind == "rows" for p in parts)
    mine = [task for part in parts for task in scale.tasks(part)]
    assert mine == list(_tasks(files))  # bytes of every line, every Parquet record, in order


@needs_corpus
def test_a_shard_holds_exactly_what_extraction_returned(inputs):
    files = list(discover(inputs, []))
    (part, *_) = scale.plan(files, size=50)
    found = extract_batch(scale.tasks(part), {})
    assert any(not isinstance(f, tuple) for f in found)  # a problem (the bad line) travels too
    assert scale.from_table(scale.to_table(found)) == found


@needs_corpus
def test_dask_index_equals_single_process_record_by_record(inputs, tmp_path, running):
    single = tmp_path / "single.sqlite3"
    con = connect(single)
    one = index_paths(con, inputs, jobs=1)
    con.close()
    shards = tmp_path / "shards"
    shards.mkdir()
    con = connect(tmp_path / "dask.sqlite3")
    extraction = scale.DaskExtraction(running.client, shards=str(shards), size=17)
    many = index_paths(con, inputs, extraction=extraction)
    con.close()
    assert len(extraction.parts) > 4
    assert (many.indexed, many.unchanged) == (one.indexed, 0)
    assert one.indexed == 95
    assert sorted(map(str, many.skipped)) == sorted(map(str, one.skipped))
    assert tables(tmp_path / "dask.sqlite3") == tables(single)


@needs_corpus
def test_shards_may_come_back_through_the_scheduler(inputs, tmp_path, running):
    """With no storage the workers share (--scheduler without --shards)."""
    con = connect(tmp_path / "i.sqlite3")
    done = index_paths(
        con, inputs, extraction=scale.DaskExtraction(running.client, shards=None, size=40)
    )
    assert done.indexed == 95


@needs_corpus
def test_a_worker_killed_mid_run_loses_no_article_and_doubles_none(tmp_path):
    data = tmp_path / "slice.jsonl"
    data.write_bytes(b"".join(corpus_lines(160)))
    expected = [json.loads(raw)["id"] for raw in corpus_lines(160)]
    shards = tmp_path / "shards"
    shards.mkdir()
    killed: list[tuple[str, list]] = []

    with scale.cluster(workers=2, dashboard_address=":0") as c:

        def kill_one(done: int, total: int) -> None:
            if killed or done >= total:
                return
            busy = {w: keys for w, keys in c.client.processing().items() if keys}
            pids = c.client.run(os.getpid)
            worker = next(iter(busy))
            killed.append((worker, list(busy[worker])))
            os.kill(pids[worker], signal.SIGKILL)

        con = connect(tmp_path / "i.sqlite3")
        extraction = scale.DaskExtraction(c.client, shards=str(shards), size=10, extracted=kill_one)
        first = index_paths(con, [data], extraction=extraction)
        assert killed and killed[0][1], "a worker was killed while it extracted a partition"
        ids = [r[0] for r in con.execute("SELECT id FROM articles")]
        assert sorted(ids) == sorted(expected) and first.indexed == 160
        assert con.execute("SELECT count(*) FROM mentions").fetchone()[0] == 160

        # a re-run extracts and writes nothing: the index has it all
        again = index_paths(
            con, [data], extraction=scale.DaskExtraction(c.client, shards=str(shards))
        )
        assert (again.indexed, again.unchanged) == (0, 160)
        con.close()

    # the killed worker's partition is merged last: the numbering inside the index may
    # differ from a run straight through, what the faces read may not
    assert records(tmp_path / "i.sqlite3") == records(straight_run(data, tmp_path))


@needs_corpus
def test_a_run_stopped_short_is_completed_by_the_next(tmp_path, running):
    data = tmp_path / "slice.jsonl"
    data.write_bytes(b"".join(corpus_lines(60)))
    con = connect(tmp_path / "i.sqlite3")
    seen: list[int] = []

    def stop_after_first_batch() -> bool:
        seen.append(1)
        return len(seen) > 20

    extraction = scale.DaskExtraction(running.client, shards=None, size=10)
    first = index_paths(con, [data], extraction=extraction, cancelled=stop_after_first_batch)
    assert 0 < first.indexed < 60
    rest = index_paths(con, [data], extraction=scale.DaskExtraction(running.client, shards=None))
    assert (rest.indexed, rest.unchanged) == (60 - first.indexed, first.indexed)
    con.close()
    assert records(tmp_path / "i.sqlite3") == records(straight_run(data, tmp_path))


@needs_corpus
def test_cli_indexes_on_a_local_cluster(tmp_path, capsys):
    data = tmp_path / "slice.jsonl"
    data.write_bytes(b"".join(corpus_lines(30)))
    db = tmp_path / "i.sqlite3"
    assert main(["index", str(data), "--db", str(db), "--workers", "2", "--partition", "8"]) == 0
    err = capsys.readouterr().err
    assert "indexed 30, unchanged 0" in err
    try:
        import bokeh  # noqa: F401
    except ImportError:
        assert "briefing: no Dask dashboard (it needs bokeh" in err  # no page: no link
    else:
        assert "briefing: Dask dashboard at http://" in err
    assert main(["index", str(data), "--db", str(db), "--workers", "2"]) == 0
    assert "indexed 0, unchanged 30" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args, message",
    [
        (["--workers", "0"], "must be at least 1"),
        (["--workers", "two"], "not a whole number"),
        (["--workers", "2", "--jobs", "2"], "with Dask, use --workers"),
        (["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "not both"),
        (["--scheduler", "tcp://127.0.0.1:1"], "cannot reach the Dask scheduler"),
    ],
)
def test_cli_refuses_bad_scaling_options_with_a_reason(
    tmp_path, capsys, monkeypatch, args, message
):
    monkeypatch.setattr(scale, "CONNECT_TIMEOUT", "1s")
    try:
        code = main(["index", str(SEEDS), "--db", str(tmp_path / "i.sqlite3"), *args])
    except SystemExit as exc:  # argparse: exit code 2
        code = exc.code
    assert code in (1, 2)
    assert message in capsys.readouterr().err
    assert not (tmp_path / "i.sqlite3").exists() or code == 1


def test_cli_says_what_to_install_when_the_scale_extra_is_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(
        scale, "available", lambda: "dask not installed: pip install 'briefing[scale]'"
    )
    code = main(["index", str(SEEDS), "--db", str(tmp_path / "i.sqlite3"), "--workers", "2"])
    assert code == 1
    assert "pip install 'briefing[scale]'" in capsys.readouterr().err


@needs_corpus
def test_articles_indexed_already_are_not_extracted_again_on_the_cluster(tmp_path, running):
    data = tmp_path / "slice.jsonl"
    data.write_bytes(b"".join(corpus_lines(30)))
    con = connect(tmp_path / "i.sqlite3")
    index_paths(con, [data], extraction=scale.DaskExtraction(running.client, shards=None))
    data.write_bytes(b"".join(corpus_lines(40)))  # ten more: the file is read again
    extraction = scale.DaskExtraction(running.client, shards=None, size=15)
    again = index_paths(con, [data], extraction=extraction)
    con.close()
    assert (again.indexed, again.unchanged, extraction.reused) == (10, 30, 30)


@needs_corpus
def test_cli_indexes_on_a_running_cluster_by_its_scheduler_address(tmp_path, capsys, running):
    data = tmp_path / "slice.jsonl"
    data.write_bytes(b"".join(corpus_lines(20)))
    db = tmp_path / "i.sqlite3"
    address = running.client.scheduler.address
    assert main(["index", str(data), "--db", str(db), "--scheduler", address]) == 0
    assert "indexed 20, unchanged 0" in capsys.readouterr().err
    assert running.client.scheduler_info()["workers"]  # the cluster is left running

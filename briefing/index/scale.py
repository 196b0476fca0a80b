"""Extraction scaled out on Dask: partitions of the inputs mapped over a cluster, each
writing a Parquet shard of its records; the shards are merged into the index by the
existing writer, in input order, so the index is the one the single-process path makes.

    inputs --plan--> partitions --(Dask workers: extract_batch)--> Parquet shards
    shards --(this process, in partition order)--> indexer's writer --> link, counts

A partition is a run of input files, of a JSONL file's lines (a byte range with the
number of its first line) or of a Parquet file's row groups; a worker reads it itself
(local paths, or any storage fsspec reads), so only the plan crosses the network. Its
shard is written under a name of its own, atomically (a temporary name, then a rename),
and its task returns only where it is: a worker that dies mid-run makes Dask run its
partitions again, which writes the same shard again, and the merge reads each
partition's shard once. Articles already indexed with the same content hash and
extractor are not extracted again (the snapshot goes to the workers) and not written
again (the writer's own check), so a re-run after a crash does only what is missing.

Needs the ``scale`` extra: ``pip install 'briefing[scale]'`` (dask[distributed],
pyarrow, fsspec).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.index import store
from briefing.index.indexer import Found, Task, extract_batch
from briefing.ingest import InputFile, Problem, parquet
from briefing.ingest.discover import Url, is_url
from briefing.ingest.readers import JSONL, PARQUET
from briefing.model import Article, Cut

PARTITION = 1000  # articles a partition holds (at ~800 articles/s a core: about a second)
CONNECT_TIMEOUT = "20s"  # to reach a scheduler


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of one input file: the whole of it (``file``), the lines of a JSONL file
    from byte ``start`` to ``stop`` (``lines``), or row groups ``start`` to ``stop`` of
    a Parquet file (``rows``); ``first`` numbers its first line or row, from 1."""

    key: str
    kind: str
    start: int = 0
    stop: int = 0
    first: int = 0


@dataclass(frozen=True, slots=True)
class Part:
    number: int
    pieces: tuple[Piece, ...]
    articles: int  # lines or rows it holds (blank lines too), or files


def plan(files: list[InputFile], size: int = PARTITION) -> list[Part]:
    """The inputs cut into partitions of about ``size`` articles, in input order. JSONL
    files are scanned once here for line ends (a gigabyte in a second or two)."""
    parts: list[Part] = []
    pieces: list[Piece] = []
    count = 0

    def add(piece: Piece, n: int) -> None:
        nonlocal count
        pieces.append(piece)
        count += n
        if count >= size:
            close()

    def close() -> None:
        nonlocal count
        if pieces:
            parts.append(Part(len(parts), tuple(pieces), count))
            pieces.clear()
            count = 0

    for f in files:
        key, suffix = str(f.path), f.path.suffix.lower()
        if suffix in JSONL:
            try:
                stream = f.path.open("rb")
            except OSError:
                add(Piece(key, "file"), 1)  # read_file says why, in a worker
                continue
            with stream:
                start = offset = 0
                first = line = 1
                for raw in stream:
                    offset += len(raw)
                    line += 1
                    if count + (line - first) >= size:
                        add(Piece(key, "lines", start, offset, first), line - first)
                        start, first = offset, line
                if line > first:
                    add(Piece(key, "lines", start, offset, first), line - first)
        elif suffix in PARQUET:
            try:
                groups = parquet.row_groups(key)
            except parquet.Unreadable:
                add(Piece(key, "file"), 1)
                continue
            first = 1
            for g, n in enumerate(groups):
                add(Piece(key, "rows", g, g + 1, first), n)
                first += n
        else:
            add(Piece(key, "file"), 1)
    close()
    return parts


def tasks(part: Part) -> Iterator[Task]:
    """In a worker: the partition's tasks for ``extract_batch``, as the single-process
    path makes them (a JSONL line's bytes with its number, a Parquet row's record)."""
    for piece in part.pieces:
        key = piece.key
        if piece.kind == "file":
            yield key, 0, None
        elif piece.kind == "lines":
            path = Url(key) if is_url(key) else Path(key)
            try:
                with path.open("rb") as stream:
                    stream.seek(piece.start)
                    data = stream.read(piece.stop - piece.start)
            except OSError as exc:
                yield key, piece.first, Problem(key, f"cannot read: {exc.strerror or exc}")
                continue
            lines = data.split(b"\n")
            last = lines.pop()
            raws = [raw + b"\n" for raw in lines] + ([last] if last else [])
            yield from ((key, piece.first + i, raw) for i, raw in enumerate(raws))
        else:
            number = piece.first
            try:
                for number, record in parquet.rows(
                    key, range(piece.start, piece.stop), piece.first
                ):
                    yield key, number, record
            except parquet.Unreadable as exc:
                yield key, number, Problem(key, str(exc))


# -- shards -----------------------------------------------------------------------------


def _schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    entity = pa.struct(
        [("id", text), ("name", text), ("kind", text), ("type", text), ("country", text),
         ("sector", text), ("admin1", text), ("lat", pa.float64()), ("lon", pa.float64()),
         ("aliases", text), ("affiliation", text), ("origin", text)]
    )  # fmt: skip
    mention = pa.struct(
        [("entity", text), ("start", pa.int32()), ("end", pa.int32()), ("words", text),
         ("sector", text)]
    )  # fmt: skip
    cut = pa.struct([("rule", text), ("text", text)])
    return pa.schema(
        [("key", text), ("line", pa.int64()), ("problem", text), ("problem_path", text),
         ("id", text), ("title", text), ("text", text), ("source", text), ("date", text),
         ("url", text), ("path", text), ("cuts", pa.list_(cut)), ("hash", text),
         ("extracted", pa.bool_()), ("entities", pa.list_(entity)),
         ("mentions", pa.list_(mention)), ("events", text), ("body", pa.binary())]
    )  # fmt: skip


ENTITY_FIELDS = ("id", "name", "kind", "type", "country", "sector", "admin1", "lat", "lon",
                 "aliases", "affiliation", "origin")  # fmt: skip
MENTION_FIELDS = ("entity", "start", "end", "words", "sector")


def to_table(found: list[Found | Problem]) -> Any:
    """A partition's records as one Arrow table, a row for each article or problem, in
    input order: the article with its content hash, and (where it was extracted) its
    entities, mentions, events with their evidence, and its compressed text."""
    import pyarrow as pa

    rows: list[dict[str, Any]] = []
    for item in found:
        if isinstance(item, Problem):
            rows.append({"problem": item.reason, "problem_path": item.path, "line": item.line})
            continue
        article, key, line, digest, extraction = item
        row: dict[str, Any] = {
            "key": key, "line": line, "id": article.id, "title": article.title,
            "text": article.text, "source": article.source, "date": article.date,
            "url": article.url, "path": article.path, "hash": digest,
            "cuts": [{"rule": c.rule, "text": c.text} for c in article.cuts],
            "extracted": extraction is not None,
        }  # fmt: skip
        if extraction is not None:
            _, entities, mentions, events, body = extraction
            row["entities"] = [dict(zip(ENTITY_FIELDS, e, strict=True)) for e in entities]
            row["mentions"] = [dict(zip(MENTION_FIELDS, m, strict=True)) for m in mentions]
            row["events"] = store.dumps(events)
            row["body"] = body
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=_schema())


def from_table(table: Any) -> list[Found | Problem]:
    """``to_table`` read back: what ``extract_batch`` returned, field for field."""
    out: list[Found | Problem] = []
    for row in table.to_pylist():
        if row["problem"] is not None:
            out.append(Problem(row["problem_path"], row["problem"], row["line"]))
            continue
        article = Article(
            row["id"], row["title"], row["text"], row["source"], row["date"], row["url"],
            row["path"], tuple(Cut(c["rule"], c["text"]) for c in row["cuts"]),
        )  # fmt: skip
        extraction = None
        if row["extracted"]:
            extraction = (
                article,
                [tuple(e[f] for f in ENTITY_FIELDS) for e in row["entities"]],
                [tuple(m[f] for f in MENTION_FIELDS) for m in row["mentions"]],
                json.loads(row["events"]),
                row["body"],
            )
        out.append((article, row["key"], row["line"], row["hash"], extraction))
    return out


def run_part(
    part: Part, snapshot: dict[str, tuple[str, str, str]], shards: str | None
) -> tuple[int, str | bytes, int]:
    """A Dask task: extract a partition and write its shard under ``shards`` (a folder or
    an fsspec URL every worker and this process reach), or hand the shard back as bytes
    (``shards`` None: a cluster with no shared storage). Returns (partition, shard, count).
    Written under a temporary name and renamed: a worker killed mid-write leaves no shard
    that looks whole, and a partition run twice writes the same shard twice."""
    import pyarrow.parquet as pq

    found = extract_batch(tasks(part), snapshot)  # a fresh set of entities sent: self-contained
    table = to_table(found)
    if shards is None:
        buffer = io.BytesIO()
        pq.write_table(table, buffer, compression="zstd")
        return part.number, buffer.getvalue(), len(found)
    name = f"part-{part.number:06d}.parquet"
    if is_url(shards):
        import fsspec

        fs, root = fsspec.core.url_to_fs(shards)
        tmp = f"{root}/.{name}.{uuid.uuid4().hex}"
        with fs.open(tmp, "wb") as fh:
            pq.write_table(table, fh, compression="zstd")
        fs.mv(tmp, f"{root}/{name}")
        return part.number, f"{shards.rstrip('/')}/{name}", len(found)
    final = os.path.join(shards, name)
    fd, tmp = tempfile.mkstemp(dir=shards, prefix=f".{name}.")
    os.close(fd)
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, final)
    return part.number, final, len(found)


def read_shard(shard: str | bytes) -> list[Found | Problem]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if isinstance(shard, bytes):
        return from_table(pq.read_table(pa.BufferReader(shard)))
    if is_url(shard):
        import fsspec

        with fsspec.open(shard, "rb") as fh:
            return from_table(pq.read_table(fh))
    return from_table(pq.read_table(shard))


# -- the cluster ------------------------------------------------------------------------


class DaskExtraction:
    """An ``indexer.Extraction`` on a Dask cluster: the partitions go out at once, and
    their shards come back to the writer in partition order as they are done (the
    writer writes the first while the cluster extracts the rest).

    ``extracted(done, total)`` is told the articles extracted so far, as partitions end.
    """

    def __init__(
        self,
        client: Any,
        *,
        shards: str | None,
        size: int = PARTITION,
        extracted: Callable[[int, int], None] | None = None,
        retries: int = 2,
    ):
        self.client = client
        self.shards = shards
        self.size = size
        self.extracted = extracted
        self.retries = retries
        self.parts: list[Part] = []
        self.reused = 0  # articles the workers found indexed already (not extracted)

    def __call__(
        self, files: list[InputFile], snapshot: dict[str, tuple[str, str, str]]
    ) -> Iterator[list[Found | Problem]]:
        from dask.distributed import as_completed

        self.parts = parts = plan(files, self.size)
        if not parts:
            return
        total = sum(p.articles for p in parts)
        # the index's snapshot of these files, once to every worker (not once a task)
        keys = {str(f.path) for f in files}
        wanted = {i: s for i, s in snapshot.items() if s[1] in keys}
        shared: Any = self.client.scatter([wanted], broadcast=True)[0] if wanted else {}
        run = uuid.uuid4().hex[:8]
        futures = [
            self.client.submit(
                run_part,
                part,
                shared,
                self.shards,
                key=f"briefing-extract-{run}-{part.number}",
                retries=self.retries,
                pure=False,
            )  # fmt: skip
            for part in parts
        ]
        ready: dict[int, str | bytes] = {}
        following, done = 0, 0
        try:
            for future in as_completed(futures):
                number, shard, _ = future.result()
                future.release()
                ready[number] = shard
                done += parts[number].articles
                if self.extracted:
                    self.extracted(done, total)
                while following in ready:
                    found = read_shard(ready.pop(following))
                    self.reused += sum(1 for f in found if isinstance(f, tuple) and f[4] is None)
                    yield found
                    following += 1
        finally:
            for future in futures:
                future.cancel()


@dataclass(slots=True)
class Cluster:
    client: Any
    dashboard: str | None  # the dashboard's address, where one runs
    local: bool


@contextmanager
def cluster(
    workers: int | None = None,
    scheduler: str | None = None,
    *,
    dashboard_address: str | None = ":8787",
) -> Iterator[Cluster]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster of ``workers``
    processes (one thread each: extraction is CPU-bound Python) started here.

    Local workers keep this process's priority (the indexer's own workers are niced so
    that the writer keeps up): niced on a machine other work shares, they got a small
    share of it (2k articles, load 6 on 2 cores: 19 articles/s a worker, one process 96);
    a merge that falls behind only carries on after the cluster is done."""
    import logging

    from dask.distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except OSError as exc:
            raise ScaleError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            yield Cluster(client, _dashboard(client), local=False)
        finally:
            client.close()
        return
    local = LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=dashboard_address,
        silence_logs=logging.ERROR,
    )
    client = Client(local)
    try:
        yield Cluster(client, _dashboard(client), local=True)
    finally:
        client.close()
        local.close()


def _dashboard(client: Any) -> str | None:
    """The dashboard's link, if the scheduler serves one: its web server runs without
    bokeh too, but then its page only says bokeh is needed, so the page is asked for."""
    try:
        if "dashboard" not in client.scheduler_info().get("services", {}):
            return None
        link = client.dashboard_link
    except Exception:
        return None
    import httpx

    try:
        answer = httpx.get(link, timeout=3.0, follow_redirects=True)
    except httpx.HTTPError:
        return None
    if answer.status_code != 200 or "needs bokeh" in answer.text:  # its page without it
        return None
    return link


class ScaleError(RuntimeError):
    """The cluster cannot be used (unreachable scheduler, the scale extra missing)."""


@contextmanager
def shard_folder(where: str | None, base: Path) -> Iterator[str]:
    """A folder (or fsspec URL) for this run's shards, under ``where`` or ``base``;
    removed when the merge is done, kept when the run fails (to look at)."""
    root = where or str(base)
    folder = f"{root.rstrip('/')}/run-{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
    if is_url(folder):
        import fsspec

        fs, path = fsspec.core.url_to_fs(folder)
        fs.makedirs(path, exist_ok=True)
        yield folder
        fs.rm(path, recursive=True)
        return
    os.makedirs(folder, exist_ok=True)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def available() -> str | None:
    """Why scaling out cannot run here (None: it can)."""
    missing: list[str] = []
    for module in ("dask.distributed", "pyarrow.parquet", "fsspec"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module.split(".")[0])
    if missing:
        return f"{', '.join(missing)} not installed: pip install 'briefing[scale]'"
    return None

"""Index files into the store: read, extract in worker processes, write from one writer.

Incremental by content hash: an unchanged file (size and mtime) is not read again, an
unchanged article is not extracted again, a changed one is re-extracted, and articles
whose file vanished (or that vanished from their file) leave the index. Writes go in
batches, each one transaction, so that a run killed at any moment leaves an index the
next run completes.
"""

from __future__ import annotations

import gc
import hashlib
import os
import queue
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, cycle, islice
from pathlib import Path

from briefing.extract import EXTRACTOR_VERSION, extract
from briefing.index import codec, compress, link, mentionpack, store
from briefing.ingest import InputFile, Problem, content_hash, discover, parquet, read_file
from briefing.ingest.discover import Url, is_url
from briefing.ingest.readers import (
    JSONL,
    PARQUET,
    duplicate_line,
    read_jsonl_line,
    read_record,
)
from briefing.model import Article

# Articles a transaction writes: at least BATCH, at most MAX_BATCH, in between a
# BATCH_SHARE-th of the articles the index holds. A commit writes each page it changed to
# the write-ahead log, and in a big index a batch's inserts in key order of another table
# (an article's terms by term, participants by entity, events by id and by words) change
# most pages of those trees whatever the batch's size: at 100k, 200-article batches wrote
# 20.6 GB for a 0.5 GB index (batches growing to 2,000, with WAL_PAGES 16,000: 7.4 GB).
BATCH, BATCH_SHARE, MAX_BATCH = 200, 50, 2000
# Pages the write-ahead log may hold before they are copied into the index (SQLite's
# default is 1,000): pages a run rewrites batch after batch (indexes, full-text segments)
# are then copied once rather than at every checkpoint.
WAL_PAGES = 16000
CHUNK = 16  # tasks (JSONL lines or files) a worker takes at a time
QUEUED = 64  # runs of tasks a worker may have done ahead of the writer
# Workers run at a lower priority than the writer: three processes sharing two cores got
# equal shares, so the writer fell behind and wrote its backlog alone at the end, one core
# idle (10k: 0.7-0.9 s idle before clustering; 0.35-0.5 s niced). It also leaves the
# analyst's other work (the app, during a background run) ahead of extraction.
NICE = 10
UNSETTLED = "unsettled"  # meta key: see _index_paths
COMPACT_AFTER = 500  # articles added or removed in one run before the index is compacted

Progress = Callable[[int, int], None]
# Where extraction runs: given the files to read and the index's snapshot (id -> (hash,
# file, extractor)), what ``extract_batch`` finds, a batch at a time, in input order.
# The default runs it here or in worker processes; briefing.index.scale on Dask.
Extraction = Callable[[list["InputFile"], dict[str, tuple[str, str, str]]], Iterable[list]]


@dataclass(slots=True)
class Summary:
    indexed: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = [
            f"indexed {self.indexed}, unchanged {self.unchanged}, removed {self.removed}, "
            f"skipped {len(self.skipped)} in {self.seconds:.2f}s"
        ]
        out += [f"  skipped {p}" for p in self.skipped]
        return out


@dataclass(slots=True)
class _Stored:
    rowid: int
    hash: str
    file: str
    extractor: str


def extract_rows(
    article: Article,
) -> tuple[Article, list[tuple], list[tuple], list[dict], bytes]:
    """Run in a worker: the article's extraction as rows ready to insert (cheap to pickle),
    and its text compressed as stored (here, not in the writer, which is the bottleneck)."""
    result = extract(article)
    text = article.text
    entities = {}
    mentions = []
    for m in result.mentions:
        e = m.entity
        if e.id not in entities:
            entities[e.id] = (
                e.id, e.name, e.kind, e.type, e.country, e.sector, e.admin1, e.lat, e.lon,
                _aliases_json(e.aliases), e.affiliation, e.origin,
            )  # fmt: skip
        words = None if text[m.start : m.end] == m.text else m.text  # (most are)
        mentions.append((e.id, m.start, m.end, words, m.sector))
    events = [ev.to_dict() for ev in result.events]
    return article, list(entities.values()), mentions, events, compress.pack_text(text)


def _same_everywhere(row: tuple) -> bool:
    """Whether an entity row (as ``extract_rows`` makes it) is a dictionary entity's, the
    same for every article naming it; an unresolved name's row holds the spelling of the
    article it came from, so it goes with each."""
    return row[11] != "unresolved"


@lru_cache(maxsize=4096)
def _aliases_json(aliases: tuple[str, ...]) -> str:
    """A dictionary entity's aliases as stored: the same for each article naming it."""
    return store.dumps(list(aliases))


class Arrivals:
    """JSONL lines appended under the indexed paths while the indexer runs, handed to it as
    they are written (``briefing update`` appends each feed's new items as that feed is
    fetched, from another thread, and the indexer extracts them while the other feeds are
    still being fetched). ``put`` the lines of one append, ``close`` when no more will come
    (also when the appending broke off: the indexer then writes what came before). Lines
    are bytes as the file holds them, numbered from 1. The appender must not append
    before the indexer has looked at the files (``opened``: what is in them then is read
    as their lines, what comes after as arrivals). ``record``, if given, is called in
    each of the writer's transactions (the appender's own rows: which feed items the
    lines are, each feed's status), so that they are written as the run goes."""

    def __init__(
        self,
        record: Callable[[sqlite3.Connection], None] | None = None,
        opened: Callable[[], None] = lambda: None,
    ) -> None:
        self._queue: queue.SimpleQueue[list[Task] | None] = queue.SimpleQueue()
        self.lines = 0  # handed so far (for progress: the total grows as feeds come)
        self.record = record
        self.opened = opened

    def put(self, key: str, first: int, lines: list[bytes]) -> None:
        if lines:
            self.lines += len(lines)
            self._queue.put([(key, first + i, raw) for i, raw in enumerate(lines)])

    def close(self) -> None:
        self._queue.put(None)

    def __iter__(self) -> Iterator[list[Task]]:
        """The tasks of each append, as they come, until ``close``."""
        while (tasks := self._queue.get()) is not None:
            yield tasks


def _count_articles(f: InputFile) -> int:
    if f.path.suffix.lower() in PARQUET:
        try:
            return sum(parquet.row_groups(str(f.path))) or 1
        except parquet.Unreadable:
            return 1
    if f.path.suffix.lower() not in JSONL:
        return 1
    try:
        with f.path.open("rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) or 1
    except OSError:
        return 1


def _under(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def index_paths(
    con: sqlite3.Connection,
    paths: list[Path | str],
    *,
    jobs: int | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    extraction: Extraction | None = None,
    arriving: Arrivals | None = None,
) -> Summary:
    """Bring the index up to date with ``paths``. Returns what was done.

    ``extraction`` runs ``extract_batch`` elsewhere (Dask: briefing.index.scale); what it
    finds is written, linked and counted here exactly as the default's is. ``arriving``
    brings lines appended under ``paths`` during the run (see ``Arrivals``): they are read
    after the files found changed at the start, and the files' sizes are taken again at
    the end, so that the next run knows them unchanged."""
    with _collector_paused():
        return _index_paths(con, paths, jobs, progress, cancelled, extraction, arriving)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while indexing: the writer holds a large heap (every
    stored article's row, linking's caches) and makes next to no cycles, and each full
    collection walked all of it: 8.6% of the writer's time at 100k (py-spy --native).
    What it frees by reference counting is freed as always."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _index_paths(
    con: sqlite3.Connection,
    paths: list[Path | str],
    jobs: int | None,
    progress: Progress | None,
    cancelled: Callable[[], bool],
    extraction: Extraction | None = None,
    arriving: Arrivals | None = None,
) -> Summary:
    t0 = time.perf_counter()
    con.execute(f"PRAGMA wal_autocheckpoint={WAL_PAGES}")
    summary = Summary()
    files = list(discover(paths, summary.skipped))
    if arriving is not None:  # what is appended from now on comes as arrivals
        arriving.opened()
    roots = [str(p) if is_url(p) else os.path.abspath(p) for p in paths]
    known_files = {
        r["path"]: (r["size"], r["mtime_ns"]) for r in con.execute("SELECT * FROM files")
    }
    stored = {
        r["id"]: _Stored(r["rowid"], r["hash"], r["file"], r["extractor"])
        for r in con.execute("SELECT rowid, id, hash, file, extractor FROM articles")
    }
    by_file: dict[str, set[str]] = {}
    for art_id, s in stored.items():
        by_file.setdefault(s.file, set()).add(art_id)

    seen_ids: set[str] = set()
    to_read: list[InputFile] = []
    for f in files:
        key = str(f.path)
        ids = by_file.get(key, set())
        fresh = known_files.get(key) == (f.size, f.mtime_ns)
        if fresh and ids and all(stored[i].extractor == EXTRACTOR_VERSION for i in ids):
            seen_ids |= ids
            summary.unchanged += len(ids)
        else:
            to_read.append(f)
    total = sum(_count_articles(f) for f in to_read)

    owners: dict[str, str] = {}  # article id -> the file it came from in this run
    received = _Received()
    in_file: dict[str, set[str]] = {}  # ids met in each JSONL file (its first line wins)
    snapshot = {i: (s.hash, s.file, s.extractor) for i, s in stored.items()}

    def pending() -> Iterator[tuple[Article, str, str, tuple | None]]:
        """The articles to (re-)write, with their extraction; what is unchanged, doubled
        or unreadable is counted. Workers read, clean and extract (see ``_work``); this
        settles in input order what only the whole run knows: ids met in another file or
        earlier in this one."""
        if extraction is not None:
            batches = extraction(to_read, snapshot)
        elif arriving is not None:  # how many will come is not known: jobs as asked
            batches = _run_fed_workers(to_read, jobs or os.cpu_count() or 1, snapshot, arriving)
        else:
            workers = (jobs or os.cpu_count() or 1) if total >= 64 else 1
            batches = _run_workers(to_read, workers, snapshot)
        for found in batches:
            for item in found:
                if isinstance(item, Problem):
                    summary.skipped.append(item)
                    continue
                article, key, line, digest, rows = item
                if rows is not None:
                    rows = received.unpack(rows)
                if line:
                    ids = in_file.setdefault(key, set())
                    if article.id in ids:
                        summary.skipped.append(duplicate_line(key, article.id, line))
                        continue
                    ids.add(article.id)
                old = stored.get(article.id)
                if owners.get(article.id, old.file if old else key) != key:
                    # The same id from another file: keep both, the newcomer gets a qualified id.
                    article.id = (
                        f"{article.id}-{hashlib.blake2b(key.encode(), digest_size=4).hexdigest()}"
                    )
                    old, rows = stored.get(article.id), None  # its events' ids change with it
                if article.id in seen_ids:
                    summary.skipped.append(
                        Problem(article.path or key, f"duplicate article id {article.id!r}")
                    )
                    continue
                seen_ids.add(article.id)
                owners[article.id] = key
                if old is not None and old.hash == digest and old.extractor == EXTRACTOR_VERSION:
                    summary.unchanged += 1
                    continue
                yield article, digest, key, rows

    changed: list[int] = []
    written = 0
    touched_entities: set[str] = set()
    batch: list[tuple] = []
    writer = _Writer(con)

    terms = link.ArticleTerms(con, writer.labels)

    def flush() -> None:
        nonlocal written
        if not batch:
            return
        cpu = time.thread_time()
        done = len(changed)
        with store.transaction(con):
            for (article, entities, mentions, events, body), digest, key in batch:
                # A dictionary entity's row is the same for every article of this run: write
                # it with the first article that mentions it, not with each. An unresolved
                # name is written each time (its spelling is the article's; the last one stays).
                fresh = [
                    e for e in entities if e[0] not in touched_entities or not _same_everywhere(e)
                ]
                changed.append(
                    _write(con, writer, article, body, digest, key, fresh, mentions, events, stored)
                )
                touched_entities.update(e[0] for e in fresh)
            if arriving is not None and arriving.record is not None:
                arriving.record(con)  # (before the full-text entries: see add_texts)
            # linking's per-article part, while the workers extract the next batches, from
            # what the writer holds (reading it back from the index cost twice as much)
            terms.write_counted(
                [
                    (n, writer.counted(rows[2], rows[3]))
                    for n, (rows, _, _) in zip(changed[done:], batch, strict=True)
                ]
            )
            store.add_texts(
                con,
                (
                    (n, rows[0].title, rows[0].text)
                    for n, (rows, _, _) in zip(changed[done:], batch, strict=True)
                ),
            )
        written += len(batch)
        batch.clear()
        summary.timings["write CPU"] = summary.timings.get("write CPU", 0.0) + (
            time.thread_time() - cpu
        )
        report()

    def report() -> None:
        """Articles done (extracted, whether written yet or not) of all there are to do."""
        if progress:
            done = written + len(batch) + summary.unchanged
            coming = arriving.lines if arriving is not None else 0
            progress(done, max(total + coming + summary.unchanged, done))

    t_extract = time.perf_counter()
    # Into an empty index, what writing would keep up to date row by row is indexed once
    # after the last batch, and full-text segments merged once (store.start_bulk); a run
    # stopped short of that leaves them so until the next run (store.end_bulk).
    bulk = not stored
    with store.transaction(con):
        if bulk:
            store.start_bulk(con)
        else:
            store.end_bulk(con)
        # Articles written after this rowid are not linked or counted yet: a run that
        # stops before it links (cancelled, killed, a worker's error) leaves the mark,
        # and the next run links and counts them with its own.
        unsettled = store.get_meta(con, UNSETTLED)
        if unsettled is None:
            (top,) = con.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()
            store.set_meta(con, UNSETTLED, str(top))
    try:
        report()  # the total is known before the first article is read
        for article, digest, key, rows in pending():
            if rows is None:  # renamed in this run, or another file held its id before
                rows = extract_rows(article)
            batch.append((rows, digest, key))
            if len(batch) >= max(BATCH, min(MAX_BATCH, len(stored) // BATCH_SHARE)):
                flush()
            else:
                report()
            if cancelled():
                break
        flush()
        summary.timings["read+extract+write"] = time.perf_counter() - t_extract
    finally:
        if bulk:
            t_indexes = time.perf_counter()
            with store.transaction(con):
                store.end_bulk(con)
            summary.timings["indexes"] = time.perf_counter() - t_indexes
    summary.indexed = written

    if arriving is not None:  # the files grew during the run: as they are now
        files = list(discover(paths, []))
    if not cancelled():
        gone = [
            s.rowid
            for art_id, s in stored.items()
            if art_id not in seen_ids and _under(s.file, roots)
        ]
        with store.transaction(con):
            store.delete_articles(con, gone)
            present = {str(f.path) for f in files}
            for key in known_files:
                if _under(key, roots) and key not in present:
                    con.execute("DELETE FROM files WHERE path=?", (key,))
            con.executemany(
                "INSERT OR REPLACE INTO files(path, size, mtime_ns) VALUES (?, ?, ?)",
                [(str(f.path), f.size, f.mtime_ns) for f in files],
            )
            if gone:
                touched_entities.update(
                    r[0] for r in con.execute("SELECT id FROM entities WHERE mentions > 0")
                )
            if unsettled is not None:  # left by a run that stopped short: all its articles
                changed = [
                    r[0]
                    for r in con.execute(
                        "SELECT rowid FROM articles WHERE rowid > ? ORDER BY rowid",
                        (int(unsettled),),
                    )
                ]
                touched_entities.update(r[0] for r in con.execute("SELECT id FROM entities"))
            _refresh_entity_counts(con, touched_entities)
            store.set_meta(con, "extractor", EXTRACTOR_VERSION)
            store.set_meta(con, "updated", time.strftime("%Y-%m-%dT%H:%M:%S"))
            con.execute("DELETE FROM meta WHERE key = ?", (store.EMPTIED,))
        summary.removed = len(gone)
        t_link = time.perf_counter()
        store.empty_wal(con)  # linking reads the index through it: the log made small
        link.update_links(con, changed=changed, removed=gone, terms=False)
        con.execute("DELETE FROM meta WHERE key = ?", (UNSETTLED,))
        summary.timings["link"] = time.perf_counter() - t_link
        # merging the full-text index costs its whole size: worth it after a big change
        moved = len(changed) + len(gone)
        if moved >= COMPACT_AFTER and moved >= (
            con.execute("SELECT count(*) FROM articles").fetchone()[0] // 10
        ):
            t_compact = time.perf_counter()
            store.compact(con)
            summary.timings["compact"] = time.perf_counter() - t_compact
    # the write-ahead log back to its usual bound, and emptied (unless a reader holds it)
    con.execute("PRAGMA wal_autocheckpoint=1000")
    store.empty_wal(con)
    summary.seconds = time.perf_counter() - t0
    return summary


# What a worker is given: a file, and the line of it to read (0: the whole file) with its
# bytes (a JSONL line) or its record (a Parquet row).
Task = tuple[str, int, bytes | dict | Problem | None]
# What it gives back for each article: the article, its file and line, its content hash,
# and its extraction (None where the index holds it already, unchanged).
Found = tuple[Article, str, int, str, tuple | None]

_SNAPSHOT: dict[str, tuple[str, str, str]] = {}  # id -> (hash, file, extractor) as stored
# Dictionary entities whose row this worker has sent: their rows are the same for every
# article naming them, and the writer keeps the first it gets (see ``_packed``).
_SENT: set[str] = set()


def _tasks(files: list[InputFile], as_listed: bool = False) -> Iterator[Task]:
    """The tasks of ``files``: a JSONL file's lines, a Parquet file's rows, or the whole
    file. ``as_listed``: a JSONL file's lines that began within the size it had when it
    was listed (what is appended after comes as arrivals: see ``Arrivals``)."""
    for f in files:
        key = str(f.path)
        if f.path.suffix.lower() in PARQUET:
            yield from _parquet_tasks(key)
            continue
        if f.path.suffix.lower() not in JSONL:
            yield key, 0, None
            continue
        try:
            stream = f.path.open("rb")
        except OSError:
            yield key, 0, None  # read_file reports why
            continue
        with stream:
            if not as_listed:
                yield from ((key, line, raw) for line, raw in enumerate(stream, 1))
                continue
            start = 0
            for line, raw in enumerate(stream, 1):
                if start >= f.size:
                    break
                start += len(raw)
                yield key, line, raw


def _parquet_tasks(key: str) -> Iterator[Task]:
    """A Parquet file's rows as tasks, a row each, or the whole file (read_file then
    reports why it cannot be read)."""
    try:
        first = parquet.rows(key)
        head = next(first, None)
    except parquet.Unreadable:
        yield key, 0, None
        return
    if head is None:
        return
    number = head[0]
    try:
        yield (key, *head)
        for number, record in first:
            yield key, number, record
    except parquet.Unreadable as exc:  # the rows before the bad one are indexed
        yield key, number + 1, Problem(key, str(exc))


def _start_worker(snapshot: dict[str, tuple[str, str, str]]) -> None:
    global _SNAPSHOT
    _SNAPSHOT = snapshot
    _SENT.clear()


def _work(task: Task) -> list[Found | Problem]:
    """In a worker process: ``extract_batch`` of one task, with the worker's snapshot,
    sending each dictionary entity's row once per worker."""
    return extract_batch([task], _SNAPSHOT, _SENT)


def extract_batch(
    tasks: Iterable[Task],
    snapshot: Mapping[str, tuple[str, str, str]],
    sent: set[str] | None = None,
) -> list[Found | Problem]:
    """Read, clean and hash the articles of a batch of tasks (files, or JSONL lines with
    their bytes), and extract those whose content or extractor differ from ``snapshot``
    (id -> (hash, file, extractor) as the index holds them): what each article becomes,
    in input order, or why it cannot be read. Pure: no database, no state kept between
    calls but ``sent`` (the dictionary entities whose rows went with earlier articles of
    the same stream; a fresh set makes the batch self-contained). The single-process
    path, its worker processes and the Dask partitions (briefing.index.scale) all call it."""
    sent = set() if sent is None else sent
    out: list[Found | Problem] = []
    for key, line, raw in tasks:
        path = Url(key) if is_url(key) else Path(key)
        if isinstance(raw, Problem):  # (a file that broke off: see _parquet_tasks)
            out.append(raw)
            continue
        if line:
            if isinstance(raw, dict):  # a Parquet row
                item: Article | Problem | None = read_record(path, line, raw)
            else:
                item = read_jsonl_line(path, line, raw or b"")
            items: Iterable[Article | Problem] = () if item is None else (item,)
        else:
            items = read_file(path)
        for found in items:
            if isinstance(found, Problem):
                out.append(found)
                continue
            digest = content_hash(found)
            fresh = snapshot.get(found.id) != (digest, key, EXTRACTOR_VERSION)
            rows = _packed(extract_rows(found), sent) if fresh else None
            out.append((found, key, line, digest, rows))
    return out


def _packed(rows: tuple, sent: set[str]) -> tuple:
    """An article's extraction rows as a worker sends them: without the dictionary
    entities it has sent already, and without the events' sentences (their article's
    text from start to end). Entity rows were a third of what the workers pickled and
    the writer read back, sentences a fifth of the rest (10k: 12.2 KB an article, 6.9 KB
    now); ``_Received`` puts both back."""
    article, entities, mentions, events, body = rows
    new = [e for e in entities if not _same_everywhere(e) or e[0] not in sent]
    sent.update(e[0] for e in new)
    text = article.text
    for ev in events:
        if ev["sentence"] == text[ev["start"] : ev["end"]]:
            ev["sentence"] = None
    return article, new, mentions, events, body


class _Received:
    """The writer's side of ``_packed``: every dictionary entity row a worker sent, so
    that each article's rows name all its entities again (in the order of their first
    mention), whether the row came with it or with an earlier article. A row is kept
    when it arrives, before the article may be passed over (a duplicate, a renamed one)."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple] = {}

    def unpack(self, rows: tuple) -> tuple:
        article, entities, mentions, events, body = rows
        text = article.text
        for ev in events:
            if ev["sentence"] is None:
                ev["sentence"] = text[ev["start"] : ev["end"]]
        own = {e[0]: e for e in entities}
        self.rows.update((i, e) for i, e in own.items() if _same_everywhere(e))
        named = dict.fromkeys(m[0] for m in mentions)
        if len(named) == len(own):
            return rows
        return article, [own.get(i) or self.rows[i] for i in named], mentions, events, body


def _run_workers(
    files: list[InputFile], jobs: int, snapshot: dict[str, tuple[str, str, str]]
) -> Iterator[list[Found | Problem]]:
    """What ``_work`` finds, task by task or a run of tasks at a time, in input order; in
    worker processes when there is more than one job.

    Worker k takes the k-th run of CHUNK tasks and every ``jobs``-th after it, reading the
    input itself, and puts what it found on its own queue; this process takes the runs
    in turn from each queue. No thread here: the writer has the interpreter to itself (the
    threads of a ``multiprocessing.Pool`` that fed it articles and took their results made
    it wait on them). Each queue holds at most QUEUED runs, so that workers faster than
    the writer (re-extracting a whole index deletes as it writes) wait rather than pile
    their results up in memory."""
    if jobs <= 1:
        _start_worker(snapshot)
        try:
            yield from map(_work, _tasks(files))
        finally:
            _start_worker({})
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    queues = [ctx.Queue(QUEUED) for _ in range(jobs)]
    workers = [
        ctx.Process(target=_serve, args=(q, files, snapshot, jobs, k), daemon=True)
        for k, q in enumerate(queues)
    ]
    for w in workers:
        w.start()
    try:
        yield from _results(queues, workers)
    finally:
        _stop(workers, queues)


def _run_fed_workers(
    files: list[InputFile],
    jobs: int,
    snapshot: dict[str, tuple[str, str, str]],
    arriving: Arrivals,
) -> Iterator[list[Found | Problem]]:
    """``_run_workers`` for a run whose input is still being written: the tasks of
    ``files``, then those of ``arriving`` as they come. A thread here hands them out in
    runs of at most CHUNK (an append's lines are not held back to fill a run), the k-th
    run to worker k modulo ``jobs``, which sends back what it found on its own queue;
    this process takes the runs in turn as ``_run_workers`` does. The thread waits for
    arrivals, so it costs the writer next to nothing."""
    if jobs <= 1:
        _start_worker(snapshot)
        try:
            yield from map(_work, _tasks(files, as_listed=True))
            for tasks in arriving:
                yield from map(_work, tasks)
        finally:
            _start_worker({})
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
    inboxes = [ctx.Queue() for _ in range(jobs)]
    queues = [ctx.Queue(QUEUED) for _ in range(jobs)]
    workers = [
        ctx.Process(target=_serve_fed, args=(i, q, snapshot), daemon=True)
        for i, q in zip(inboxes, queues, strict=True)
    ]
    for w in workers:
        w.start()

    stopped = threading.Event()

    def hand_out() -> None:
        runs = 0
        try:
            arrived = (run for tasks in arriving for run in _chunks(iter(tasks)))
            for chunk in chain(_chunks(_tasks(files, as_listed=True)), arrived):
                if stopped.is_set():
                    return
                inboxes[runs % jobs].put(chunk)
                runs += 1
        except BaseException as exc:  # the writer raises it, after the runs before
            if not stopped.is_set():
                inboxes[runs % jobs].put(exc)
        finally:
            if not stopped.is_set():
                for inbox in inboxes:
                    inbox.put(None)

    threading.Thread(target=hand_out, name="briefing-hand-out", daemon=True).start()
    try:
        yield from _results(queues, workers)
    finally:
        stopped.set()
        _stop(workers, queues)
        for inbox in inboxes:  # left open (the thread may still put its last runs), but
            inbox.cancel_join_thread()  # no exit waits on runs that no worker will read


def _stop(workers: list, queues: list) -> None:
    """End the workers still running and close their queues."""
    for w in workers:
        if w.is_alive():
            w.terminate()
        w.join()
    for q in queues:
        q.close()


def _results(queues: list, workers: list) -> Iterator[list[Found | Problem]]:
    """What the workers send back, a run from each queue in turn, until one says None."""
    for k in cycle(range(len(queues))):
        while True:
            try:
                found = queues[k].get(timeout=1.0)
                break
            except queue.Empty:
                if not workers[k].is_alive():
                    raise RuntimeError(f"extraction worker {k} died") from None
        if found is None:
            return
        if isinstance(found, BaseException):
            raise found
        yield found


def _serve_fed(inbox, out, snapshot: dict) -> None:
    """A worker process of ``_run_fed_workers``: the runs it is handed, until None."""
    gc.enable()  # forked from the writer, which paused it
    if hasattr(os, "nice"):
        os.nice(NICE)
    _start_worker(snapshot)
    try:
        while (chunk := inbox.get()) is not None:
            out.put(
                chunk if isinstance(chunk, BaseException) else extract_batch(chunk, snapshot, _SENT)
            )
        out.put(None)
    except BaseException as exc:  # the writer raises it
        out.put(exc)
    finally:
        out.close()
        out.join_thread()


def _serve(out, files: list[InputFile], snapshot: dict, jobs: int, k: int) -> None:
    """A worker process: its share of the tasks, a run at a time, then None."""
    gc.enable()  # forked from the writer, which paused it
    if hasattr(os, "nice"):  # not on Windows
        os.nice(NICE)
    _start_worker(snapshot)
    try:
        for c, chunk in enumerate(_chunks(_tasks(files))):
            if c % jobs == k:
                out.put(extract_batch(chunk, snapshot, _SENT))
        out.put(None)
    except BaseException as exc:  # the writer raises it
        out.put(exc)
    finally:
        out.close()
        out.join_thread()


def _chunks(tasks: Iterator[Task]) -> Iterator[list[Task]]:
    while chunk := list(islice(tasks, CHUNK)):
        yield chunk


class _Writer:
    """What the writer keeps over one run: entity rows by id, and the labels."""

    def __init__(self, con: sqlite3.Connection):
        self.con = con
        self.labels = store.Labels(con)
        self.entities: dict[str, tuple | None] = {}

    def entity(self, entity_id: str) -> tuple | None:
        if entity_id not in self.entities:
            row = self.con.execute(
                f"SELECT {codec.ENTITY_COLUMNS} FROM entities WHERE id = ?", (entity_id,)
            ).fetchone()
            self.entities[entity_id] = tuple(row) if row else None
        return self.entities[entity_id]

    def counted(self, mentions: list[tuple], events: list[dict]) -> link.Counted:
        """What the terms of an article just written count, as ``link`` would read it
        from the index: by entity number, the events as stored (the last of an id)."""
        named = Counter(m[0] for m in mentions)
        known = self.entities
        entities = sorted(
            named.items(), key=lambda item: (known.get(item[0]) or self.stored(item[0]))[0]
        )
        counted: list[link.EventTerms] = []
        for ev in {ev["event_id"]: ev for ev in events}.values():
            if ev["modality"] == "negated":
                continue
            actors: list[tuple[str, str]] = []
            for p in ev["actors"]:
                if p.get("id"):
                    _, id_, name, type_, country, sector, *_ = self.stored(p["id"])
                    state = self.entity(f"actor:state:{country}") if country else None
                    actors += link.actor_terms(
                        id_, name, type_, country, sector, state[2] if state else None
                    )
            counted.append((ev["type"], ev["mode"], actors))
        return entities, counted

    def stored(self, entity_id: str) -> tuple:
        found = self.entity(entity_id)
        assert found is not None, entity_id  # written with the article
        return found

    def participant(self, p: dict, location: bool) -> tuple:
        """The entity row of an event's participant; a row of its own (origin
        ``participant``) for an id no mention has named yet, so that filters find it."""
        found = self.entities.get(p["id"]) or self.entity(p["id"])
        if found is None:
            kind = p["id"].split(":", 1)[0]
            row = (
                p["id"], p.get("name") or p["id"], kind if kind in ("actor", "place") else
                ("place" if location else "actor"), p.get("type"), p.get("country"),
                p.get("sector"), p.get("admin1"), p.get("lat"), p.get("lon"), "participant",
            )  # fmt: skip
            (number,) = self.con.execute(
                "INSERT INTO entities(id, name, kind, type, country, sector, admin1, lat, lon,"
                " origin) VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING rowid",
                row,
            ).fetchone()
            found = self.entities[p["id"]] = (number, row[0], row[1], *row[3:])
        return found


def _write(con, writer: _Writer, article: Article, body: bytes, digest: str, key: str, entities,
           mentions, events, stored) -> int:  # fmt: skip
    old = stored.get(article.id)
    if old is not None:
        store.delete_articles(con, [old.rowid])
    cuts = store.dumps([{"rule": c.rule, "text": c.text} for c in article.cuts])
    text = article.text
    path, line = store.path_columns(article.path, key)
    row = {
        "id": article.id, "title": article.title, "source": article.source, "date": article.date,
        "url": article.url, "path": path, "line": line, "file": key, "body": body,
        "words": article.words, "hash": digest, "cuts": cuts, "extractor": EXTRACTOR_VERSION,
        "events": len(events),
    }  # fmt: skip
    rowid = store.add_article(con, row)
    stored[article.id] = _Stored(rowid, digest, key, EXTRACTOR_VERSION)
    for e in entities:
        (number,) = con.execute(
            "INSERT INTO entities(id, name, kind, type, country, sector, admin1, lat, lon, aliases, affiliation, origin)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name=excluded.name,"
            " type=excluded.type, country=excluded.country, sector=excluded.sector, admin1=excluded.admin1,"
            " lat=excluded.lat, lon=excluded.lon, aliases=excluded.aliases, affiliation=excluded.affiliation,"
            " origin=excluded.origin RETURNING rowid",
            e,
        ).fetchone()
        writer.entities[e[0]] = (number, e[0], e[1], e[3], e[4], e[5], e[6], e[7], e[8], e[11])
    if mentions:
        # (the rows and labels looked up in the writer's dicts first: a method call for
        # each of them was a tenth of writing an article's mentions)
        known, numbers = writer.entities, writer.labels.number
        spans, differ = mentionpack.pack(
            [(start, end, (known.get(entity) or writer.stored(entity))[0],
              None if sector is None else numbers.get(sector) or writer.labels.id(sector),
              words)
             for entity, start, end, words, sector in mentions]
        )  # fmt: skip
        con.execute(
            "INSERT INTO mentions(article, spans, words) VALUES (?,?,?)", (rowid, spans, differ)
        )
    if events:
        _write_events(con, writer, rowid, text, events)
    return rowid


def _write_events(con, writer: _Writer, article: int, text: str, events: list[dict]) -> None:
    rows, participants = [], {}
    for ev in events:
        row, parts = codec.encode(
            ev, article, text, writer.participant, writer.labels, link.evidence_of(ev)
        )
        rows.append(row)
        participants[row[0]] = parts  # by the event id as stored
    insert = f"INSERT OR IGNORE INTO events({codec.EVENT_COLUMNS}) VALUES ({','.join('?' * 21)})"
    changes = con.total_changes
    con.executemany(insert, rows)
    if con.total_changes - changes < len(rows):  # an event id met before: the last one stays
        ids = [row[0] for row in rows]
        con.execute(f"DELETE FROM events WHERE event_id IN ({','.join('?' * len(ids))})", ids)
        rows = list({row[0]: row for row in rows}.values())
        con.executemany(insert, rows)
    # numbered one after another as inserted (AUTOINCREMENT, one writer): no need to ask
    last = con.execute("SELECT last_insert_rowid()").fetchone()[0]
    con.executemany(
        "INSERT INTO participants(event, role, position, entity, offset, length, text, extra)"
        " VALUES (?,?,?,?,?,?,?,?)",
        [
            (number, *p)
            for number, row in enumerate(rows, last - len(rows) + 1)
            for p in participants[row[0]]
        ],
    )


def _refresh_entity_counts(con: sqlite3.Connection, ids: set[str]) -> None:
    if not ids:
        return
    con.execute("CREATE TEMP TABLE IF NOT EXISTS touched(entity INTEGER PRIMARY KEY)")
    con.execute("DELETE FROM touched")
    for chunk in (sorted(ids)[i : i + 500] for i in range(0, len(ids), 500)):
        con.execute(
            "INSERT OR IGNORE INTO touched SELECT rowid FROM entities"
            f" WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
    con.execute("UPDATE entities SET mentions = 0, articles = 0 WHERE rowid IN touched")
    mentions, articles = mentionpack.entity_counts(con)
    wanted = [r[0] for r in con.execute("SELECT entity FROM touched")]
    con.executemany(
        "UPDATE entities SET mentions = ?, articles = ? WHERE rowid = ?",
        [(mentions[e], articles[e], e) for e in wanted if e in mentions],
    )

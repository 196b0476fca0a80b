"""One benchmark stage per process, so that each stage's peak memory is its own.

``python -m benchmarks.stages STAGE --collection FILE --db FILE [--jobs N]`` runs one
stage and prints its figures as one JSON object on the last line of stdout. Peak memory is
``ru_maxrss`` of this process, and of the largest worker process where there are workers.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import queries

STAGES: dict[str, Callable[[argparse.Namespace], dict]] = {}


def stage(name: str):
    def register(fn):
        STAGES[name] = fn
        return fn

    return register


def _peaks() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "worker_peak_rss_mb": round(workers, 1)}


def _articles(collection: Path):
    from briefing.ingest import Problem, read_file

    for item in read_file(collection):
        if not isinstance(item, Problem):
            yield item


def _fresh_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def _db_bytes(db: Path) -> int:
    return sum(
        os.path.getsize(f"{db}{s}") for s in ("", "-wal", "-shm") if os.path.exists(f"{db}{s}")
    )


@stage("ingest")
def ingest(args) -> dict:
    """Read and clean every article (decode, JSON, boilerplate, metadata)."""
    t0 = time.perf_counter()
    n = chars = 0
    for article in _articles(args.collection):
        n += 1
        chars += len(article.text)
    return {"seconds": time.perf_counter() - t0, "articles": n, "chars": chars}


@stage("extract")
def extract(args) -> dict:
    """extract() of every article on one core (reading is done but not counted)."""
    from briefing.extract import extract as run

    spent = 0.0
    n = mentions = events = 0
    for article in _articles(args.collection):
        t = time.perf_counter()
        result = run(article)
        spent += time.perf_counter() - t
        n += 1
        mentions += len(result.mentions)
        events += len(result.events)
    return {
        "seconds": spent,
        "articles": n,
        "mentions": mentions,
        "events": events,
        "articles_per_s": n / spent if spent else None,
    }


def _index(args, *, breakdown: bool) -> dict:
    from briefing.index import indexer, mentionpack, store

    _fresh_db(args.db)
    timers = {"extract": 0.0, "write": 0.0}
    if breakdown:
        # Time the indexer's own steps in place: extraction and the writer's inserts and commits.
        def timed(fn, key):
            def wrapper(*a, **kw):
                t = time.perf_counter()
                try:
                    return fn(*a, **kw)
                finally:
                    timers[key] += time.perf_counter() - t

            return wrapper

        indexer.extract_rows = timed(indexer.extract_rows, "extract")
        indexer._write = timed(indexer._write, "write")

        class Transaction(store.transaction):
            def __exit__(self, *exc):
                t = time.perf_counter()
                super().__exit__(*exc)
                timers["write"] += time.perf_counter() - t

        store.transaction = Transaction
    con = store.connect(args.db)
    summary = indexer.index_paths(con, [args.collection], jobs=args.jobs)
    counts = {
        name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        for name in ("articles", "entities", "events")
    }
    counts["mentions"] = mentionpack.count(con)  # an article's mentions are one row
    # the clean text's UTF-8 bytes, however it is stored
    text_bytes = con.execute(
        "SELECT sum(length(CAST(text AS BLOB))) FROM article_texts"
    ).fetchone()[0]
    con.close()
    out = {
        "seconds": summary.seconds,
        "jobs": args.jobs,
        "indexed": summary.indexed,
        "problems": len(summary.skipped),
        "link_seconds": summary.timings.get("link"),
        "db_bytes": _db_bytes(args.db),
        "text_bytes": text_bytes or 0,
        "input_bytes": args.collection.stat().st_size,
        **counts,
    }
    if breakdown:
        out["extract_seconds"] = timers["extract"]
        out["write_seconds"] = timers["write"]
        out["other_seconds"] = (
            summary.seconds - timers["extract"] - timers["write"] - (out["link_seconds"] or 0)
        )
    return out


@stage("index")
def index(args) -> dict:
    """index_paths end to end on a fresh index with --jobs N."""
    return _index(args, breakdown=False)


@stage("index-breakdown")
def index_breakdown(args) -> dict:
    """index_paths on one core, with the time in extraction, writes and linking apart."""
    args.jobs = 1
    return _index(args, breakdown=True)


@stage("reindex")
def reindex(args) -> dict:
    """index_paths again over the same, unchanged input."""
    from briefing.index import indexer, store

    con = store.connect(args.db)
    summary = indexer.index_paths(con, [args.collection], jobs=args.jobs)
    con.close()
    if summary.indexed:
        # The extractor changed since the index stage (e.g. code edited during a long run):
        # this was a re-extraction, not a re-index of unchanged input.
        return {"error": f"{summary.indexed} articles were re-extracted, not unchanged"}
    return {
        "seconds": summary.seconds,
        "indexed": summary.indexed,
        "unchanged": summary.unchanged,
    }


@stage("link")
def link(args) -> dict:
    """update_links over every article of a built index, as if all had changed."""
    from briefing.index import link as linking
    from briefing.index import store

    con = store.connect(args.db)
    rowids = [r[0] for r in con.execute("SELECT rowid FROM articles")]
    t = time.perf_counter()
    linking.update_links(con, changed=rowids, removed=[])
    seconds = time.perf_counter() - t
    con.close()
    return {"seconds": seconds, "articles": len(rowids)}


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(q * (len(values) - 1)))]


@stage("lookup")
def lookup(args) -> dict:
    """search() per keystroke, and the same keystrokes through textual.fuzzy.Matcher and fzf."""
    from briefing.index.queries import Index
    from briefing.index.search import _names, search

    index = Index(args.db, readonly=True)
    t = time.perf_counter()
    names = _names(index)
    table_seconds = time.perf_counter() - t

    keystrokes = [q[:i] for q, _ in queries.LOOKUPS for i in range(1, len(q) + 1)]
    ours: dict[str, float] = {}
    for prefix in keystrokes:
        # The median of three, so that another process taking the core for a moment on a
        # shared machine does not decide the figure.
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            search(index, prefix, limit=20)
            runs.append(time.perf_counter() - t)
        ours[prefix] = statistics.median(runs)
    per_key = list(ours.values())

    app_path = _as_the_app_calls(args.db, keystrokes)
    present = [e[2].lower() for e in names.entries if e[0] in ("actor", "place")]
    firsts = []
    for query, expected in queries.LOOKUPS:
        if expected is None:
            continue
        hits = search(index, query, kinds=("actor", "place"), limit=5)
        top = hits[0]["name"] if hits else None
        indexed = any(expected.search(name) for name in present)
        firsts.append(
            {
                "query": query,
                "top": top,
                "indexed": indexed,
                "right": bool(top and expected.search(top.lower())),
            }
        )

    keys = names.keys
    sample = [k for k in keystrokes if len(k) >= 3][:: max(1, len(keystrokes) // 24)]
    matcher = _compare_matcher(keys, sample, budget=args.budget)
    fzf = _compare_fzf(keys, sample, budget=args.budget)
    index.close()
    ours_sample = statistics.median(ours[k] for k in sample)
    return {
        "names": len(keys),
        "entities": sum(1 for e in names.entries if e[0] in ("actor", "place")),
        "table_seconds": table_seconds,
        "keystrokes": len(per_key),
        "median_ms": statistics.median(per_key) * 1000,
        "p95_ms": _pct(per_key, 0.95) * 1000,
        "max_ms": max(per_key) * 1000,
        "app_median_ms": statistics.median(app_path) * 1000,
        "app_p95_ms": _pct(app_path, 0.95) * 1000,
        "sample_keystrokes": len(sample),
        "sample_median_ms": ours_sample * 1000,
        "matcher_median_ms": matcher and matcher * 1000,
        "matcher_ratio": matcher and matcher / ours_sample,
        "fzf_median_ms": fzf and fzf * 1000,
        "fzf_ratio": fzf and fzf / ours_sample,
        "right_first": sum(f["right"] for f in firsts if f["indexed"]),
        "typo_queries": sum(f["indexed"] for f in firsts),
        "not_indexed": sum(not f["indexed"] for f in firsts),
        "firsts": firsts,
    }


def _as_the_app_calls(db: Path, keystrokes: list[str]) -> list[float]:
    """Each keystroke as the app's lookup runs it: in a new worker thread, on that thread's
    own new connection (briefing.tui.data.Library.for_thread)."""
    import threading

    from briefing.index.queries import Index
    from briefing.index.search import search

    times: list[float] = []

    def keystroke(prefix: str) -> None:
        t = time.perf_counter()
        index = Index(db, readonly=True)
        search(index, prefix, limit=40)
        times.append(time.perf_counter() - t)
        index.close()

    for prefix in keystrokes:
        worker = threading.Thread(target=keystroke, args=(prefix,))
        worker.start()
        worker.join()
    return times


def _compare_matcher(keys: list[str], sample: list[str], budget: float) -> float | None:
    """What a plain Textual app does: textual.fuzzy.Matcher over every name, then sort."""
    from textual.fuzzy import Matcher

    spent, times = 0.0, []
    for prefix in sample:
        t = time.perf_counter()
        matcher = Matcher(prefix)
        scored = [(matcher.match(k), k) for k in keys]
        sorted((s for s in scored if s[0] > 0), reverse=True)[:20]
        times.append(time.perf_counter() - t)
        spent += times[-1]
        if spent > budget:
            break
    return statistics.median(times) if times else None


def _compare_fzf(keys: list[str], sample: list[str], budget: float) -> float | None:
    """fzf --filter over the same names, one process per keystroke (skipped without fzf)."""
    import shutil
    import subprocess

    fzf = shutil.which("fzf")
    if not fzf:
        return None
    data = "\n".join(keys).encode()
    spent, times = 0.0, []
    for prefix in sample:
        t = time.perf_counter()
        subprocess.run([fzf, "--filter", prefix], input=data, stdout=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - t)
        spent += times[-1]
        if spent > budget:
            break
    return statistics.median(times) if times else None


@stage("fulltext")
def fulltext(args) -> dict:
    """FTS5 (search.full_text) against a plain Python scan of the lower-cased texts."""
    import re

    from briefing.index.queries import Index
    from briefing.index.search import full_text

    index = Index(args.db, readonly=True)
    texts = [
        (r[0], r[1].lower())
        for r in index.con.execute("SELECT id, title || ' ' || article_text(body) FROM articles")
    ]
    fts, scan, found = [], [], []
    for query in queries.FULL_TEXT:
        t = time.perf_counter()
        hits = full_text(index, query, limit=20)
        fts.append(time.perf_counter() - t)
        words = re.findall(r"\w+", query.lower())
        t = time.perf_counter()
        matched = [
            (sum(text.count(w) for w in words), i)
            for i, text in texts
            if all(w in text for w in words)
        ]
        matched.sort(reverse=True)
        matched[:20]
        scan.append(time.perf_counter() - t)
        found.append(len(hits))
    index.close()
    return {
        "queries": len(queries.FULL_TEXT),
        "fts_median_ms": statistics.median(fts) * 1000,
        "fts_p95_ms": _pct(fts, 0.95) * 1000,
        "scan_median_ms": statistics.median(scan) * 1000,
        "ratio": statistics.median(scan) / statistics.median(fts),
        "hits": sum(found),
    }


@stage("export")
def export(args) -> dict:
    """The markdown briefing of the whole collection, written to a file as the command
    line writes it."""
    return _export(args, "md", today="2020-01-01")


@stage("export-table")
def export_table(args) -> dict:
    """The CSV table of every event, written to a file as the command line writes it."""
    return _export(args, "csv")


def _export(args, fmt: str, **options) -> dict:
    from briefing.export import build_scope, stream, write_atomic
    from briefing.index.queries import Index

    index = Index(args.db, readonly=True)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"export.{fmt}"
        t = time.perf_counter()
        write_atomic(target, stream(index, build_scope(index), fmt, **options))
        seconds = time.perf_counter() - t
        size = target.stat().st_size
    index.close()
    return {"seconds": seconds, "bytes": size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stages")
    parser.add_argument("stage", choices=sorted(STAGES))
    parser.add_argument("--collection", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--budget", type=float, default=20.0, help="seconds for each slow comparison"
    )
    args = parser.parse_args(argv)
    result = STAGES[args.stage](args)
    result.update(_peaks())
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

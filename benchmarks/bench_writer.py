"""The writer alone: index pre-extracted articles into a fresh index, on one core.

    python -m benchmarks.bench_writer COLLECTION [--articles N] [--repeat 3] [--instructions]

Extracts the first N articles of COLLECTION once (kept in a pickle beside it, keyed by the
extractor version and the indexer's source), then times what the indexer's writer does
with them: the inserts of each batch, the per-article link terms, the clustering and the
compaction at the end. Extraction workers are replaced by the pickled results, so the
figure is the writer's CPU with nothing else running. ``--instructions`` counts the
writer's instructions with valgrind instead (slow; deterministic on a machine whose speed
drifts).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _found(collection: Path, n: int) -> list:
    from briefing.extract import EXTRACTOR_VERSION
    from briefing.index import indexer
    from briefing.ingest import discover

    # keyed by the extractor and by the indexer's source, where the rows' shape is made
    made = hashlib.sha1(Path(indexer.__file__).read_bytes()).hexdigest()[:8]
    cache = collection.with_name(f"{collection.stem}.writer-{n}-{EXTRACTOR_VERSION}-{made}.pickle")
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    files = list(discover([collection], []))
    tasks = [t for t, _ in zip(indexer._tasks(files), range(n), strict=False)]
    indexer._start_worker({})
    found = [indexer._work(t) for t in tasks]
    cache.write_bytes(pickle.dumps(found, protocol=pickle.HIGHEST_PROTOCOL))
    return found


def _index(collection: Path, found: list, db: Path) -> dict[str, float]:
    from briefing.index import indexer, store

    indexer._run_workers = lambda files, jobs, snapshot: iter(found)  # type: ignore[assignment]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    con = store.connect(db)
    c0 = time.process_time()
    summary = indexer.index_paths(con, [collection], jobs=1)
    cpu = time.process_time() - c0
    con.close()
    return {"cpu": cpu, **summary.timings}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("collection", type=Path)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--instructions", action="store_true")
    ap.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()

    found = _found(args.collection, args.articles)
    gc.freeze()  # what the workers would send is not the writer's to collect
    if args.instructions:
        if not shutil.which("valgrind"):
            print("valgrind is not installed", file=sys.stderr)
            return 2
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "callgrind.out"
            cmd = [sys.executable, "-m", "benchmarks.bench_writer", str(args.collection),
                   "--articles", str(args.articles), "--once"]  # fmt: skip
            subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *cmd],
                check=True,
                capture_output=True,
            )
            total = next(
                int(line.split()[1]) for line in out.read_text().splitlines()
                if line.startswith("totals:") or line.startswith("summary:")
            )  # fmt: skip
        # start-up and loading the pickled rows included: a figure to compare, not absolute
        print(f"writer: {total / args.articles / 1e6:.2f} M instructions an article")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "index.sqlite3"
        runs = [_index(args.collection, found, db) for _ in range(1 if args.once else args.repeat)]
    best = min(runs, key=lambda r: r["cpu"])
    steps = ", ".join(f"{k} {v:.2f} s" for k, v in best.items() if k != "cpu")
    print(
        f"writer, {args.articles} articles: {best['cpu']:.2f} s of CPU (best of {len(runs)};"
        f" {best['cpu'] / args.articles * 1000:.3f} ms an article); {steps}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

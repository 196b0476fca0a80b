"""Index a collection on a fresh index and say where the CPU went: the writer's process
and the extraction workers apart, with the wall time.

    python benchmarks/cpu_split.py COLLECTION [--jobs 2] [--db FILE]

On two cores the end to end time is about half the CPU of all processes (they share the
cores) plus the clustering at the end (the writer alone). To compare two commits on a
machine whose speed drifts, run this for each in turn, interleaved (a worktree of the
other commit on PYTHONPATH, compiled with ``python hatch_build.py inplace``).
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("collection", type=Path)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--db", type=Path, default=None)
    args = ap.parse_args()

    from briefing.index import indexer, store

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "index.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        con = store.connect(db)
        t0, c0 = time.perf_counter(), time.process_time()
        summary = indexer.index_paths(con, [args.collection], jobs=args.jobs)
        wall, writer = time.perf_counter() - t0, time.process_time() - c0
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)
        con.close()
        size = db.stat().st_size
    steps = ", ".join(f"{k} {v:.2f} s" for k, v in summary.timings.items())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    io = Path("/proc/self/io")
    written = (
        next(int(v) for k, v in (x.split(": ") for x in io.read_text().splitlines()) if k == "write_bytes")
        if io.exists() else 0
    )  # fmt: skip
    print(
        f"{summary.indexed} articles in {wall:.2f} s; CPU: writer {writer:.2f} s, workers"
        f" {workers.ru_utime + workers.ru_stime:.2f} s; {steps}; index {size / 1e6:.1f} MB;"
        f" peak memory: writer {peak:.0f} MB, largest worker {workers.ru_maxrss / 1024:.0f} MB;"
        f" the writer wrote {written / 1e9:.1f} GB to disk"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

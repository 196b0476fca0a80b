"""Same-event clustering of a built index, as at the end of an indexing run, on a copy.

    python -m benchmarks.recluster INDEX [--every N] [--dump FILE]

Copies INDEX (e.g. ``/tmp/briefing-bench/index-100000.sqlite3``, which the benchmarks
leave), and runs ``update_links`` over its articles with their terms already written, as
the indexer does after its last batch. By default the copy's clusters and event keys are
cleared first, so that every event is clustered afresh, as in a fresh index; with
``--every N`` they are kept and every N-th article counts as changed (an incremental
run: dirty clusters, and reports joining the clusters of earlier runs).

Prints one JSON object: the CPU and wall seconds of ``update_links``, the peak memory of
the process, and digests that must not change when the clustering is made faster: the
clusters (as sets of event ids), each event's cluster number, the event keys and the
terms. ``--dump`` writes the clusters as sorted lists of event ids. To compare two
commits on a machine whose speed drifts, run this for each in turn, interleaved (a
worktree of the other commit on PYTHONPATH, compiled with ``python hatch_build.py
inplace`` run without PYTHONPATH set, as mypy reads it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()[:16]


def _prepare(source: Path, copy: Path, fresh: bool) -> None:
    shutil.copyfile(source, copy)
    if fresh:
        con = sqlite3.connect(copy)
        with con:
            con.execute("DELETE FROM event_keys")
            con.execute("UPDATE events SET cluster = NULL WHERE cluster IS NOT NULL")
            con.execute("DELETE FROM dirty_clusters")
        con.close()


def _figures(con: sqlite3.Connection) -> tuple[dict, list[list[str]]]:
    from briefing.index import eventkey

    rows = con.execute("SELECT rowid, event_id, cluster FROM events ORDER BY rowid").fetchall()
    members: dict[int, list[str]] = {}
    for _rowid, event_id, cluster in rows:
        if cluster is not None:
            members.setdefault(cluster, []).append(eventkey.name(event_id))
    clusters = sorted(sorted(m) for m in members.values())
    keys = con.execute("SELECT type, key, day, event FROM event_keys ORDER BY 1, 2, 3, 4")
    terms = con.execute("SELECT id, term, name FROM terms ORDER BY id")
    return {
        "clusters": len(clusters),
        "clustered_events": sum(map(len, clusters)),
        "clusters_digest": _digest(clusters),
        "assignment_digest": _digest([(r[0], r[2]) for r in rows]),
        "event_keys_digest": _digest([tuple(k) for k in keys]),
        "terms_digest": _digest([tuple(t) for t in terms]),
    }, clusters


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--every", type=int, default=0, help="every N-th article changed")
    ap.add_argument("--dump", type=Path, help="write the clusters here (JSON)")
    args = ap.parse_args()

    from briefing.index import link, store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "index.sqlite3"
        _prepare(args.index, db, fresh=not args.every)
        con = store.connect(db)
        rowids = [r[0] for r in con.execute("SELECT rowid FROM articles ORDER BY rowid")]
        changed = rowids[:: args.every or 1]
        t0, c0 = time.perf_counter(), time.process_time()
        link.update_links(con, changed=changed, removed=[], terms=False)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures, clusters = _figures(con)
        con.close()
    if args.dump:
        args.dump.write_text(json.dumps(clusters))
    print(
        json.dumps(
            {
                "compiled": link.__file__.endswith(".so"),
                "changed": len(changed),
                "cpu_seconds": round(cpu, 2),
                "wall_seconds": round(wall, 2),
                "peak_rss_mb": round(peak, 1),
                **figures,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

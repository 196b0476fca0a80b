"""Time the markdown briefing (and the CSV table) of a whole collection.

    python -m benchmarks.bench_export                 # index the 792-article corpus into a temp home
    python -m benchmarks.bench_export --db FILE       # reuse an index
    python -m benchmarks.bench_export --repeat 5 --out /tmp/brief.md

Reports the best of ``--repeat`` runs of ``render_markdown`` (which reads the index a
block of events at a time), and the same brief made in memory, split into reading every
event in scope (``gather``) and writing the markdown (``compose``: pure, linear in the
events). The budget for the 792-article corpus is 2 seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes.jsonl"


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_export")
    parser.add_argument("--db", type=Path, help="an existing index (default: index the corpus)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, help="also save the briefing here")
    args = parser.parse_args(argv)

    from briefing.export import build_scope, render_markdown, render_table
    from briefing.export.markdown import compose
    from briefing.export.scope import gather
    from briefing.index.indexer import index_paths
    from briefing.index.queries import Index

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "index.sqlite3"
        with Index(db) as index:
            if args.db is None:
                t = time.perf_counter()
                index_paths(index.con, [args.corpus], jobs=args.jobs)
                print(
                    f"indexed {args.corpus.name} in {time.perf_counter() - t:.1f}s", file=sys.stderr
                )
            scope = build_scope(index)
            total, text = best(
                lambda: render_markdown(index, scope, today="2020-01-01"), args.repeat
            )
            read, (events, articles, clusters) = best(lambda: gather(index, scope), args.repeat)
            write, _ = best(
                lambda: compose(
                    events, articles, scope=scope, as_of="2020-01-01", clusters=clusters
                ),
                args.repeat,
            )
            table, _ = best(lambda: render_table(index, scope, "csv"), args.repeat)
            rows = len({clusters.get(e["event_id"], e["event_id"]) for e in events})
            print(
                f"articles {index.count_articles()}  events {len(events)}  timeline rows {rows}  "
                f"markdown {len(text) / 1024:.0f} KiB"
            )
            print(
                f"render_markdown {total:.3f}s (in memory: gather {read:.3f}s, compose {write:.3f}s); "
                f"render_table csv {table:.3f}s; budget 2 s: {'ok' if total < 2 else 'OVER'}"
            )
            if args.out:
                args.out.write_text(text, encoding="utf-8")
    return 0 if total < 2 else 1


if __name__ == "__main__":
    sys.exit(main())

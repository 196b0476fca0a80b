"""Mention finding speed over the FA-KES corpus (792 articles), one core.

Loads the gazetteer (timed: CPU and wall, and the resident set size after it), reads the
corpus through the real ingest, warms up once over every article (caches of folded
words, city lookups, fuzzy matches), then times ``find_mentions`` over all articles:
the CPU time (``time.process_time``) of the best of ``--repeat`` runs.

    python benchmarks/bench_mentions.py [--repeat 3] [--profile] [--top 25]

The budget is 0.35 ms per article (mentions + events >= 1000 articles/s end to end).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="cProfile one run, by tottime")
    ap.add_argument("--top", type=int, default=25, help="profile rows")
    args = ap.parse_args()

    from briefing.extract.mentions import find_mentions
    from briefing.gazetteer import compiled_path, load
    from briefing.ingest.readers import read_file

    compiled_path()  # a first build is not a load
    c0, w0 = time.process_time(), time.perf_counter()
    g = load()
    c1, w1 = time.process_time(), time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    texts = [a.text for a in read_file(args.corpus)]
    n = len(texts)
    for t in texts:  # warm-up
        find_mentions(t, g)

    def run() -> int:
        return sum(len(find_mentions(t, g)) for t in texts)

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run()
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
        return 0

    best, found = float("inf"), 0
    for _ in range(args.repeat):
        t0 = time.process_time()
        found = run()
        best = min(best, time.process_time() - t0)
    print(
        f"gazetteer load {1000 * (c1 - c0):.0f} ms CPU, {1000 * (w1 - w0):.0f} ms wall, "
        f"max RSS {rss:.0f} MB"
    )
    print(
        f"articles {n}  mentions {found}  best of {args.repeat}: "
        f"{1000 * best / n:.3f} ms/article  {n / best:.0f} articles/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

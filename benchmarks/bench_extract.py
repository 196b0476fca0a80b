"""Extraction speed over the FA-KES corpus (792 articles), one core.

Loads the corpus through the real ingest, warms up (dictionaries, caches), then times
``extract()`` end to end over every article, and the two stages apart: mentions
(``find_mentions``, the gazetteer) and events (``extract_events`` on those mentions).
Each timing is the CPU time (``time.process_time``) of the best of ``--repeat`` runs, which
damps the noise of a shared machine.

    python benchmarks/bench_extract.py [--repeat 3] [--profile events|mentions|all] [--top 30]
    python benchmarks/bench_extract.py --instructions [--articles 200]

``--instructions`` counts the instructions of one pass over the first ``--articles``
articles (after a warm-up pass over them) with valgrind's callgrind, for each stage:
slow, but the same on a busy machine as on an idle one, which CPU time is not (A/B
comparisons of the engine; a figure to compare, not a speed).

The goal is 1000 articles/s end to end (about 1 ms per article in all). A wheel install
runs the engine compiled with mypyc; in a checkout, ``python hatch_build.py inplace``
compiles it (``clean`` undoes that); the output says which engine ran.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes.jsonl"


def _best(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", choices=("events", "mentions", "all"), default=None)
    ap.add_argument("--top", type=int, default=30, help="profile rows (sorted by tottime)")
    ap.add_argument("--instructions", action="store_true", help="count with valgrind")
    ap.add_argument("--articles", type=int, default=None, help="the first N articles only")
    ap.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.instructions:
        return _instructions(args.corpus, args.articles or 200)

    from briefing.extract import compiled, extract, find_mentions
    from briefing.extract.events import extract_events
    from briefing.ingest.readers import read_file

    articles = list(read_file(args.corpus))[: args.articles]
    n = len(articles)
    for a in articles[:20]:  # warm-up: dictionaries, gazetteer, caches
        extract(a)
    mentions = [find_mentions(a.text) for a in articles]

    def run_all() -> None:
        for a in articles:
            extract(a)

    def run_mentions() -> None:
        for a in articles:
            find_mentions(a.text)

    def run_events() -> None:
        for a, ms in zip(articles, mentions, strict=True):
            extract_events(a, ms)

    if args.once:  # under valgrind (see _instructions): one pass each, inside eval()
        eval("run_mentions()")
        eval("run_events()")
        eval("run_all()")
        return 0

    if args.profile:
        fn = {"events": run_events, "mentions": run_mentions, "all": run_all}[args.profile]
        prof = cProfile.Profile()
        prof.enable()
        fn()
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(args.top)
        return 0

    t_all = _best(run_all, args.repeat)
    t_m = _best(run_mentions, args.repeat)
    t_e = _best(run_events, args.repeat)
    events = sum(len(extract_events(a, ms)) for a, ms in zip(articles, mentions, strict=True))
    engine = "compiled (mypyc)" if compiled() else "pure Python"
    print(f"articles {n}  events {events}  best of {args.repeat}  engine: {engine}")
    for name, t in (("extract (end to end)", t_all), ("mentions", t_m), ("events", t_e)):
        print(f"  {name:<22} {n / t:>7.0f} articles/s  {1000 * t / n:>6.2f} ms/article")
    return 0


def _instructions(corpus: Path, articles: int) -> int:
    """Instructions an article of each stage, counted by callgrind: collection is on only
    inside eval() calls (the three passes of --once) and dumped after each."""
    if not shutil.which("valgrind"):
        print("valgrind is not installed", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--once", "--corpus", str(corpus),
               "--articles", str(articles)]  # fmt: skip
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--toggle-collect=builtin_eval",
             "--dump-after=builtin_eval", f"--callgrind-out-file={out}", *cmd],
            check=True,
            capture_output=True,
        )  # fmt: skip
        # one part is dumped after each eval(): start-up's own eval() calls come first,
        # the three passes last
        parts = sorted(Path(tmp).glob("callgrind.out.*"), key=lambda p: int(p.suffix[1:]))
        totals = []
        for part in parts[-3:]:
            text = part.read_text()
            totals.append(next(
                int(line.split()[1]) for line in text.splitlines()
                if line.startswith("totals:") or line.startswith("summary:")
            ))  # fmt: skip
    from briefing.extract import compiled

    engine = "compiled (mypyc)" if compiled() else "pure Python"
    print(f"articles {articles}  one pass after a warm-up  engine: {engine}")
    for name, total in zip(("mentions", "events", "extract (end to end)"), totals, strict=True):
        print(f"  {name:<22} {total / articles / 1e6:>6.2f} M instructions an article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

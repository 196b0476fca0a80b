"""Coverage of the main violent event over the FA-KES corpus, without gold labels.

Per article the MAIN VIOLENT EVENT is the asserted ASSAULT with the largest killed toll
(the first ASSAULT when none has a toll), as the hidden corpus annotations are scored.
This prints how often it exists and carries each field (mode histogram by cause class,
actor, killed, Syrian admin1, explicit date), the extraction speed, and with
``--show N`` the main event of N articles for hand-checking.

    python benchmarks/eval_corpus_proxy.py [--stub] [--show 30] [--seed 1] [--ids id,id]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stub", action="store_true", help="use the test stub gazetteer")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ids", default="")
    args = ap.parse_args()

    from briefing.extract import extract
    from briefing.extract.perpetrators import cause, governorate, main_event, perpetrator
    from briefing.ingest.readers import read_file

    finder = None
    if args.stub:
        sys.path.insert(0, str(ROOT / "tests" / "extract"))
        from stub_gazetteer import find_mentions as finder
    articles = list(read_file(CORPUS))
    extract(articles[0], finder)  # load dictionaries before timing
    t0 = time.perf_counter()
    results = [(a, extract(a, finder)) for a in articles]
    dt = time.perf_counter() - t0
    n = len(results)
    mains = [(a, main_event(x.events)) for a, x in results]
    have = [(a, e) for a, e in mains if e]
    causes = Counter(cause(e.mode) or f"other:{e.mode}" for _, e in have)
    perps = Counter(perpetrator(e) for _, e in have)
    print(
        f"articles {n}  extraction {dt:.2f}s  {n / dt:.0f} articles/s  events {sum(len(x.events) for _, x in results)}"
    )
    print(f"main ASSAULT found {len(have)} ({len(have) / n:.0%})")
    print(
        f"  with actor      {sum(bool(e.actors) for _, e in have) / n:.0%}  (inferred {sum('+' in e.rule for _, e in have) / n:.0%})"
    )
    print(f"  with killed     {sum(e.killed is not None for _, e in have) / n:.0%}")
    print(f"  governorate     {sum(bool(governorate(e)) for _, e in have) / n:.0%}")
    print(
        f"  any admin1      {sum(bool(e.locations and e.locations[0].admin1) for _, e in have) / n:.0%}"
    )
    print(f"  explicit date   {sum(bool(e.date_text) for _, e in have) / n:.0%}")
    print("  cause  ", dict(causes.most_common()))
    print("  perpetrator", dict(perps.most_common(12)))
    by_source: dict[str, Counter] = {}
    for a, e in have:
        by_source.setdefault(a.source or "?", Counter())[perpetrator(e)] += 1
    for src, c in sorted(by_source.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"    {src:<14}", dict(c.most_common()))
    if args.show or args.ids:
        rnd = random.Random(args.seed)
        pick = (
            [m for m in mains if m[0].id in args.ids.split(",")]
            if args.ids
            else rnd.sample(mains, args.show)
        )
        for a, e in pick:
            print("\n==", a.id, a.date, a.title[:100])
            if not e:
                print("   (no main event)")
                continue
            loc = e.locations[0] if e.locations else None
            print(
                f"   {e.mode} | {perpetrator(e)} | A={[p.name for p in e.actors]} T={[p.name for p in e.targets]}"
            )
            print(
                f"   loc={loc and (loc.name, loc.admin1, loc.country)} killed={e.killed} wounded={e.wounded} date={e.date} ({e.date_text}) rule={e.rule}"
            )
            print(f"   > {e.sentence[:220]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""CPU of each worker-side stage of a cold ``briefing update``, in one process, on the
items ``bench_feeds`` serves (what its workers spend; the writer's and the fetching
thread's CPU are in ``bench_feeds``'s own report).

    python -m benchmarks.feeds_split [--feeds 100] [--items 50] [--sample 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_feeds import CORPUS, build_feeds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.feeds_split")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--feeds", type=int, default=100)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--sample", type=int, default=1000, help="articles extracted (scaled up)")
    args = ap.parse_args(argv)
    from briefing.extract import compiled
    from briefing.feeds import dedupe
    from briefing.feeds.parse import _plain_rss2, parse_feed
    from briefing.index import indexer
    from briefing.ingest import content_hash
    from briefing.ingest.readers import read_jsonl_line

    print(f"engine {'compiled' if compiled() else 'pure Python'}, load average "
          f"{os.getloadavg()[0]:.2f}", file=sys.stderr)  # fmt: skip
    feeds = build_feeds(args.corpus, args.feeds, args.items, 20)
    xmls = [x.replace("{port}", "80").encode() for x in feeds.values()]
    ctype = "application/rss+xml; charset=utf-8"
    cpu = time.process_time
    t = cpu()
    parsed = [parse_feed(x, ctype) for x in xmls]
    t_parse = cpu() - t
    plain = sum(_plain_rss2(x, ctype) is not None for x in xmls)
    full = [e.content for p in parsed for e in p.entries if not e.teaser_only]
    t = cpu()
    dedupe.signatures(full)
    t_sign = cpu() - t
    lines = [
        json.dumps({"id": f"{n}-{e.guid}", "title": e.title, "text": e.content or e.summary,
                    "date": e.published, "source": "Outlet", "url": e.url}, ensure_ascii=False)
        for n, p in enumerate(parsed) for e in p.entries
    ]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "items.jsonl"
        raw = [(line + "\n").encode() for line in lines]
        t = cpu()
        articles = [read_jsonl_line(path, i + 1, r) for i, r in enumerate(raw)]
        for a in articles:
            content_hash(a)
        t_read = cpu() - t
    indexer._start_worker({})
    sample = articles[: args.sample]
    t = cpu()
    rows = [indexer._packed(indexer.extract_rows(a), indexer._SENT) for a in sample]
    t_extract = (cpu() - t) * len(articles) / len(sample)
    t = cpu()
    pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
    t_pickle = (cpu() - t) * len(articles) / len(sample)
    n = len(articles)
    print(f"{n} items in {len(xmls)} feeds ({plain} read by the plain RSS 2.0 path)")
    for name, value in (
        ("parse the feeds (entries' text included)", t_parse),
        ("sign the full texts (MinHash)", t_sign),
        ("read each JSONL line (decode, clean, boilerplate, metadata, hash)", t_read),
        (f"extract_rows (first {len(sample)}, scaled)", t_extract),
        ("pickle for the writer (scaled)", t_pickle),
    ):
        print(f"  {name:<66} {value:6.2f} s CPU  {value / n * 1000:6.3f} ms an item")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Lookup at scale without indexing: ``python -m benchmarks.titles --size 100000 --entities DB``.

Builds an index holding only the titles of a scaled collection (no texts, no extraction)
and the actors and places of an index already built (e.g. the 1,000 one from a benchmark
run), then runs the lookup stage on it. A quick check of how the search grows with the
number of titles, not a substitute for the full run.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from benchmarks import collection
from benchmarks.run import CORPUS, ROOT, _env

ENTITY_COLUMNS = (
    "id, name, kind, type, country, sector, admin1, lat, lon, aliases, affiliation, origin,"
    " mentions, articles"
)


def build(size: int, seed: int, corpus: Path, entities: Path, db: Path) -> Path:
    from briefing.index import compress, store

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    con = store.connect(db)
    records = collection.load_corpus(corpus)
    empty = compress.pack_text("")
    rows = (
        {"id": r["id"], "title": r.get("title") or "untitled", "file": "titles", "body": empty,
         "words": 0, "hash": "", "extractor": "titles"}
        for r in collection.scaled(records, size, seed)
    )  # fmt: skip
    source = sqlite3.connect(entities)
    known = source.execute(f"SELECT {ENTITY_COLUMNS} FROM entities").fetchall()
    source.close()
    with store.transaction(con):
        for row in rows:
            store.add_texts(con, [(store.add_article(con, row), row["title"], "")])
        con.executemany(
            f"INSERT INTO entities({ENTITY_COLUMNS}) VALUES ({','.join('?' * 14)})", known
        )
        store.set_meta(con, "updated", "titles")
    con.close()
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.titles", description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--entities", type=Path, required=True, help="an index to take them from")
    parser.add_argument("--db", type=Path, default=Path("/tmp/briefing-bench/titles.sqlite3"))
    args = parser.parse_args(argv)
    args.db.parent.mkdir(parents=True, exist_ok=True)
    build(args.size, args.seed, args.corpus, args.entities, args.db)
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.stages", "lookup", "--collection", "-",
         "--db", str(args.db)],
        cwd=ROOT, env=_env(args.db), capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result.pop("firsts", None)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

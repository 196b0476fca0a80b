"""Instructions per article of extraction, counted by valgrind: an A/B measure that does
not drift with a shared machine's speed (wall and CPU times here vary by 10-20% an hour).

Runs ``extract()`` over the corpus under ``valgrind --tool=callgrind`` twice, once with
one warm pass and once with two (after a warm-up pass over every article, so caches
are as in ``bench_extract.py``'s best-of runs), and prints the difference divided by
the number of articles: the instructions of one warm pass, start-up excluded.

    python benchmarks/extract_instructions.py [--corpus PATH] [--keep DIR]

``--keep`` leaves the two callgrind files there for ``callgrind_annotate`` (diff the
functions' inclusive counts of the two to see where one pass goes). Needs valgrind;
takes a few minutes. Instructions are not time (cache misses are not in them), so
confirm a gain with ``bench_extract.py``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes.jsonl"


def _passes(corpus: Path, passes: int) -> None:
    from briefing.extract import extract
    from briefing.ingest.readers import read_file

    articles = list(read_file(corpus))
    for _ in range(1 + passes):  # the first is the warm-up
        for a in articles:
            extract(a)


def _count(corpus: Path, passes: int, out: Path) -> int:
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
         __file__, "--corpus", str(corpus), "--passes", str(passes)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    m = re.search(r"Collected : (\d+)", run.stderr)
    if not m:
        raise SystemExit(f"no count in valgrind's output:\n{run.stderr[-2000:]}")
    return int(m.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--keep", type=Path, help="folder to keep the callgrind files in")
    ap.add_argument("--passes", type=int, help=argparse.SUPPRESS)  # the child under valgrind
    args = ap.parse_args()
    if args.passes is not None:
        _passes(args.corpus, args.passes)
        return 0
    if not shutil.which("valgrind"):
        print("valgrind is not installed", file=sys.stderr)
        return 2
    from briefing.extract import compiled
    from briefing.ingest.readers import read_file

    n = sum(1 for _ in read_file(args.corpus))
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        one = _count(args.corpus, 1, folder / "callgrind.1pass")
        two = _count(args.corpus, 2, folder / "callgrind.2passes")
    engine = "compiled (mypyc)" if compiled() else "pure Python"
    print(f"articles {n}  engine: {engine}")
    print(f"  {(two - one) / n / 1e6:.2f} M instructions an article (one warm pass)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

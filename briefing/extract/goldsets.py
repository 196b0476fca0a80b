"""Score the extraction against public gold of two shapes, as ``../shared/eval/score.py``.

**FA-KES** (article gold): ``{"id", "events": [{"location", "actor", "cause_of_death",
"nb_civilians", "nb_noncivilians", "date", "crowd_raw"}]}``, the articles' texts in a
separate JSONL collection. The main event of an article is its asserted ASSAULT with the
largest toll (the first of equal ones). ``governorate``: its first location lies in the
gold governorate; ``governorate_any``: one of its locations does; ``perpetrator_typed`` /
``cause_typed``: the actor class / cause of death match, over rows where a coder typed an
answer; ``killed_exact`` / ``killed_20pct``: killed equals / is within 20% of civilians +
non-civilians; ``date_window``: the event date is in the 7 days up to the coder's (or a day
after); ``without_event``: articles with no asserted ASSAULT.

**UCDP GED** (event gold): ``{"id", "text", "sources", "side_a", "side_b", "latitude",
"longitude", "where_prec", "where_coordinates"}``; one article per distinct headline
text, dated by its earliest source. ``place_named``: events at an exact or near place
(``where_prec`` <= 2) whose name the headline says have an extracted place within 50 km;
``place_any``: the same over all exact or near events; ``place_precision``: of the
extracted city-or-finer places, the share within 50 km of one of the article's gold
events; per side (``is_side``, ``iraq_side``, ...): events with that side whose headline
names it have it as an actor or target; ``side_named`` over all sides.

The class mappings are data: ``data/eval_fakes.toml`` and ``data/eval_ucdp.toml``.
"""

from __future__ import annotations

import json
import math
import os
import re
import tomllib
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing import paths
from briefing.model import Article, Extraction

__all__ = [
    "GoldError",
    "GoldReport",
    "detect_shape",
    "extract_events",
    "fakes_articles",
    "read_gold",
    "score_fakes",
    "score_ucdp",
    "ucdp_articles",
]

Events = dict[str, list[dict[str, Any]]]


class GoldError(ValueError):
    """Gold or articles that cannot be scored; the message is one line."""


@dataclass(slots=True)
class GoldReport:
    """The figures of one gold set, the counts behind them and the misses."""

    shape: str
    figures: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)
    misses: list[tuple] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**self.figures, "n": dict(self.counts)}


# --------------------------------------------------------------------------- reading


def detect_shape(rec: dict) -> str | None:
    """``fakes``, ``ucdp``, ``main`` (article records), ``events`` (sentence records) or None."""
    evs = rec.get("events")
    if (
        isinstance(evs, list)
        and evs
        and all(
            isinstance(e, dict) and {"location", "actor", "cause_of_death"} <= e.keys() for e in evs
        )
    ):
        return "fakes"
    if {"side_a", "side_b", "latitude", "longitude", "where_coordinates", "text"} <= rec.keys():
        return "ucdp"
    if isinstance(rec.get("main"), dict):
        return "main"
    if ("text" in rec or "from" in rec) and ("events" in rec or rec.get("noevents")):
        return "events"
    return None


def read_gold(path: Path) -> tuple[str, list[dict]]:
    """The gold file's shape and records; a malformed line or a line of another shape
    than the first raises :class:`GoldError` naming the line."""
    records: list[dict] = []
    shape = None
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise GoldError(f"{path}: not UTF-8 text") from exc
    except OSError as exc:
        raise GoldError(f"cannot read {path}: {exc.strerror or exc}") from exc
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{n}: malformed JSON ({exc.msg})") from exc
        if not isinstance(rec, dict):
            raise GoldError(f"{path}:{n}: not a JSON object")
        this = detect_shape(rec)
        if this is None and shape is None:
            raise GoldError(
                f"{path}:{n}: unknown gold shape (expected FA-KES articles, UCDP GED events"
                " or briefing's own records)"
            )
        if shape and this != shape:
            raise GoldError(
                f"{path}:{n}: a {this or 'unknown'} record in a file of {shape} records"
            )
        shape = this
        records.append(rec)
    if shape is None:
        raise GoldError(f"{path}: no gold records")
    return shape, records


def fakes_articles(gold: list[dict], collection: Path) -> list[Article]:
    """The gold articles, read from ``collection`` by the project's own readers."""
    from briefing.ingest.readers import read_file

    if not collection.is_file():
        raise GoldError(f"no such articles collection: {collection}")
    want = {str(g.get("id")) for g in gold}
    found = {a.id: a for a in read_file(collection) if isinstance(a, Article) and a.id in want}
    missing = [g.get("id") for g in gold if str(g.get("id")) not in found]
    if missing:
        more = f" and {len(missing) - 1} more" if len(missing) > 1 else ""
        raise GoldError(f"article {missing[0]!r}{more} not in {collection}")
    return list(found.values())


# headlines that only say where ("March 5th-6th 2016: Mosul, Nineveh province, Iraq")
_LOCATION_LINE = re.compile(
    r"^\s*[A-Z][a-z]+ \d+(st|nd|rd|th)?(\s*[-–]\s*\d+(st|nd|rd|th)?)?,? \d{4}\s*:"
)


def ucdp_articles(gold: list[dict]) -> tuple[list[Article], dict[str, tuple[str, str]]]:
    """One article per distinct headline text (as the JSONL reader builds it), and for
    each gold event id its article id and the headline's words."""
    from briefing.ingest.readers import read_jsonl_line

    by_text: dict[str, list[dict]] = defaultdict(list)
    for n, g in enumerate(gold, 1):
        if not isinstance(g.get("text"), str):
            raise GoldError(f"gold event {g.get('id', n)!r} has no headline text")
        by_text[g["text"]].append(g)
    articles, art_of = [], {}
    for i, (text, evs) in enumerate(by_text.items()):
        aid = f"ucdp-h{i:05d}"
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        lines = [ln for ln in lines if not _LOCATION_LINE.match(ln)]
        if not lines:
            continue
        dates = [s["date"] for g in evs for s in g.get("sources") or () if s.get("date")]
        body = "\n\n".join(ln if ln.endswith((".", "!", "?")) else ln + "." for ln in lines)
        row = {"id": aid, "title": lines[0][:200], "text": body, "date": min(dates, default=None)}
        art = read_jsonl_line(Path("ucdp_headlines.jsonl"), i + 1, json.dumps(row))
        if isinstance(art, Article):
            articles.append(art)
            for g in evs:
                art_of[g["id"]] = (aid, " ".join(lines))
    return articles, art_of


# --------------------------------------------------------------------------- extraction


def _asserted_dicts(extraction: Extraction) -> list[dict[str, Any]]:
    """The asserted events as ``briefing events --format jsonl`` lists them (in order)."""
    evs = sorted((e for e in extraction.events if e.modality == "asserted"), key=lambda e: e.start)
    return [e.to_dict() for e in evs]


def _extract_one(article: Article) -> tuple[str, list[dict[str, Any]]]:
    from briefing.extract import extract

    return article.id, _asserted_dicts(extract(article))


def extract_events(
    articles: list[Article],
    extractor: Callable[[Article], Extraction] | None = None,
    jobs: int | None = None,
) -> Events:
    """The asserted events of each article, by article id; in worker processes (one per
    core) when there are enough articles and no ``extractor`` is given."""
    jobs = jobs or os.cpu_count() or 1
    if extractor is not None:
        return {a.id: _asserted_dicts(extractor(a)) for a in articles}
    if jobs < 2 or len(articles) < 40:
        return dict(_extract_one(a) for a in articles)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        return dict(pool.map(_extract_one, articles, chunksize=8))


# --------------------------------------------------------------------------- FA-KES


def _norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"\bgovernorate\b|\bprovince\b", "", s)
    s = s.replace("’", "'").replace("ʿ", "").replace("ʼ", "")
    return re.sub(r"\s+", " ", s).strip()


@dataclass(slots=True, frozen=True)
class _Perpetrator:
    label: str
    words: re.Pattern[str] | None
    countries: frozenset[str]
    rebel_countries: frozenset[str] | None


@dataclass(slots=True, frozen=True)
class _FakesMaps:
    governorates: dict[str, frozenset[str]]  # gold governorate -> normalised names
    perpetrators: tuple[_Perpetrator, ...]
    causes: dict[str, str]


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(paths.data_file("extract", "data", name).read_text("utf-8"))


@lru_cache(maxsize=1)
def _fakes_maps() -> _FakesMaps:
    doc = _load("eval_fakes.toml")
    govs = {g: frozenset(_norm(n) for n in names) for g, names in doc["governorates"].items()}
    perps = tuple(
        _Perpetrator(
            label=p["class"],
            words=re.compile(p["words"]) if p.get("words") else None,
            countries=frozenset(p.get("countries", ())),
            rebel_countries=frozenset(p["rebel_countries"]) if "rebel_countries" in p else None,
        )
        for p in doc["perpetrator"]
    )
    return _FakesMaps(govs, perps, dict(doc["causes"]))


def _gov_of(loc: dict, maps: _FakesMaps) -> str | None:
    keys = {_norm(loc.get("admin1")), _norm(loc.get("name"))}
    return next((gov for gov, names in maps.governorates.items() if keys & names), None)


def _actor_class(actors: list[dict], maps: _FakesMaps) -> str:
    for a in actors:
        blob = " ".join(str(a.get(k) or "") for k in ("id", "name", "text")).lower()
        country = (a.get("country") or "").upper()
        for p in maps.perpetrators:
            if (
                (p.words and p.words.search(blob))
                or country in p.countries
                or (
                    p.rebel_countries is not None
                    and a.get("sector") == "REB"
                    and country in p.rebel_countries
                )
            ):
                return p.label
    return "unknown"


def _main_event(evs: list[dict]) -> dict | None:
    assaults = [e for e in evs if e.get("type") == "ASSAULT"]
    if not assaults:
        return None
    return max(enumerate(assaults), key=lambda ie: (ie[1].get("killed") or 0, -ie[0]))[1]


def _gold_killed(ge: dict) -> int:
    return (ge.get("nb_civilians") or 0) + (ge.get("nb_noncivilians") or 0)


def _typed(ge: dict, f: str) -> bool:
    return bool(str((ge.get("crowd_raw") or {}).get(f) or "").strip())


def score_fakes(gold: list[dict], events: Events) -> GoldReport:
    """The FA-KES figures of the extracted ``events`` (see the module docstring)."""
    maps = _fakes_maps()
    hits: dict[str, int] = defaultdict(int)
    denom: dict[str, int] = defaultdict(int)
    misses: list[tuple] = []
    for g in gold:
        ev = _main_event(events.get(str(g["id"]), []))
        for f in ("actor", "cause_of_death", "date"):
            denom[f] += any(_typed(ge, f) for ge in g["events"])
        if ev is None:
            hits["without_event"] += 1
            misses.append((g["id"], "no asserted ASSAULT", ""))
            continue
        locs = ev.get("locations") or []
        govs = {_gov_of(loc, maps) for loc in locs} - {None}
        primary = _gov_of(locs[0], maps) if locs else None
        cls = _actor_class(ev.get("actors") or [], maps)
        cause = maps.causes.get(ev.get("mode") or "", "unknown")
        k, d = ev.get("killed"), ev.get("date")
        ok: dict[str, bool] = defaultdict(bool)
        for ge in g["events"]:
            gk = _gold_killed(ge)
            ok["governorate"] |= primary == ge["location"]
            ok["governorate_any"] |= ge["location"] in govs
            if _typed(ge, "actor"):
                ok["perpetrator_typed"] |= cls == ge["actor"]
            if _typed(ge, "cause_of_death"):
                ok["cause_typed"] |= cause == ge["cause_of_death"]
            if _typed(ge, "date") and d and ge.get("date"):
                try:
                    delta = (date.fromisoformat(d[:10]) - date.fromisoformat(ge["date"])).days
                except ValueError:
                    pass
                else:
                    ok["date_window"] |= -7 <= delta <= 1
            ok["killed_exact"] |= k is not None and k == gk
            ok["killed_20pct"] |= k is not None and gk > 0 and abs(k - gk) <= 0.2 * gk
        for key, v in ok.items():
            hits[key] += v
        wrong = [
            f
            for f in ("governorate", "perpetrator_typed", "cause_typed", "killed_exact")
            if not ok[f]
        ]
        if wrong:
            ge = g["events"][0]
            misses.append(
                (
                    g["id"],
                    "wrong " + ",".join(wrong),
                    f"gold: {ge['location']} | {ge['actor']} | {ge['cause_of_death']} | killed"
                    f" {_gold_killed(ge)}  got: {primary} | {cls} | {cause} | killed {k}"
                    f"  <- {str(ev.get('sentence') or '')[:120]!r}",
                )
            )
    n = len(gold)
    figs: dict[str, Any] = {"articles": n, "without_event": hits["without_event"]}
    counts = {"articles": n}
    for f in ("governorate", "governorate_any", "killed_exact", "killed_20pct"):
        figs[f] = round(hits[f] / n, 3) if n else None
        counts[f] = n
    for f, src in (
        ("perpetrator_typed", "actor"),
        ("cause_typed", "cause_of_death"),
        ("date_window", "date"),
    ):
        figs[f] = round(hits[f] / denom[src], 3) if denom[src] else None
        counts[f] = denom[src]
    return GoldReport("fakes", figs, counts, misses)


# --------------------------------------------------------------------------- UCDP


def _fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("’", "").replace("ʿ", "").replace("ʼ", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


_PLACE_WORDS = re.compile(
    r"\b(town|village|city|province|district|area|governorate|region|neighbou?rhood)\b", re.I
)


def _place_name(where: str | None) -> str:
    return re.sub(r"^(al|an|ar|as|ad|at|ash|az) ", "", _fold(_PLACE_WORDS.sub("", where or "")))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(h))


@dataclass(slots=True, frozen=True)
class _Side:
    gold: str
    figure: str
    said: re.Pattern[str]
    names: re.Pattern[str] | None
    countries: frozenset[str]
    types: frozenset[str] | None
    roles: tuple[str, ...]

    def is_(self, p: dict) -> bool:
        if self.names and self.names.search(_fold(p.get("name")) + " " + _fold(p.get("id"))):
            return True
        return (p.get("country") or "") in self.countries and (
            self.types is None or (p.get("type") or "") in self.types
        )


@lru_cache(maxsize=1)
def _sides() -> tuple[_Side, ...]:
    return tuple(
        _Side(
            gold=s["gold"],
            figure=s.get("figure") or f"side:{s['gold']}",
            said=re.compile(s["said"], 0 if s.get("said_ignore_case") is False else re.I),
            names=re.compile(s["names"]) if s.get("names") else None,
            countries=frozenset(s.get("countries", ())),
            types=frozenset(s["types"]) if "types" in s else None,
            roles=tuple(s.get("roles", ("side_a", "side_b"))),
        )
        for s in _load("eval_ucdp.toml")["side"]
    )


def _points(evs: Iterable[dict]) -> list[tuple[float, float]]:
    return [
        (loc["lat"], loc["lon"])
        for e in evs
        for loc in e.get("locations") or []
        if loc.get("lat") is not None
    ]


def score_ucdp(gold: list[dict], events: Events, art_of: dict[str, tuple[str, str]]) -> GoldReport:
    """The UCDP figures of the extracted ``events`` (see the module docstring)."""
    n: dict[str, int] = defaultdict(int)
    ok: dict[str, int] = defaultdict(int)
    misses: list[tuple] = []
    sides = _sides()
    for g in gold:
        if g["id"] not in art_of:
            continue
        aid, said = art_of[g["id"]]
        evs = events.get(aid, [])
        try:
            here = (float(g["latitude"]), float(g["longitude"]))
            prec = int(g.get("where_prec") or 9)
        except (TypeError, ValueError) as exc:
            raise GoldError(f"gold event {g['id']!r}: no coordinates") from exc
        near = any(_km(pt, here) <= 50 for pt in _points(evs))
        if prec <= 2:
            n["place_any"] += 1
            ok["place_any"] += near
            nm = _place_name(g.get("where_coordinates"))
            if len(nm) >= 4 and re.search(r"\b" + re.escape(nm) + r"\b", _fold(said)):
                n["place_named"] += 1
                ok["place_named"] += near
                if not near:
                    got = [loc.get("name") for e in evs for loc in e.get("locations") or []]
                    misses.append(("place", g["where_coordinates"], said[:140], got[:4]))
        parts = [p for e in evs for p in (e.get("actors") or []) + (e.get("targets") or [])]
        for side in sides:
            if side.gold in (g.get(r) for r in side.roles) and side.said.search(said):
                n[side.figure] += 1
                hit = any(side.is_(p) for p in parts)
                ok[side.figure] += hit
                n["side_named"] += 1
                ok["side_named"] += hit
                if not hit:
                    got = [(p.get("name"), p.get("country")) for p in parts]
                    misses.append((side.gold + " side", said[:140], got[:4]))
    golds_of: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for g in gold:
        if g["id"] in art_of:
            golds_of[art_of[g["id"]][0]].append((float(g["latitude"]), float(g["longitude"])))
    for aid, evs in events.items():
        for e in evs:
            for loc in e.get("locations") or []:
                if loc.get("lat") is None or loc.get("precision") not in ("city", "point"):
                    continue
                n["place_precision"] += 1
                good = any(_km((loc["lat"], loc["lon"]), p) <= 50 for p in golds_of[aid])
                ok["place_precision"] += good
                if not good:
                    misses.append(
                        ("wrong place", loc.get("name"), str(e.get("sentence") or "")[:140])
                    )
    figs = {k: round(ok[k] / n[k], 3) for k in sorted(n)}
    return GoldReport("ucdp", figs, dict(n), misses)

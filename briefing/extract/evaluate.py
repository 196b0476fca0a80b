"""Score the event extraction against annotated sentences or articles.

The gold file is JSONL in the PETRARCH validation style, one record per line::

    {"id": "neg-01", "category": "NEGATION", "text": "...", "date": "2021-02-26",
     "events": [{"type": "ASSAULT", "mode": "aerial", "actors": ["Syria"],
                 "targets": ["Islamic State"], "location": "Anbar", "killed": 50,
                 "wounded": 132, "modality": "asserted"}]}
    {"id": "false-01", "category": "FALSE_TRIGGER", "text": "...", "noevents": true}

Every listed field is scored; fields a gold event leaves out are not. ``actors`` and
``targets`` are lists of names (an empty ``actors`` list, "the text names no actor", is
also met by an actor the engine inferred from its priors, rule ``+prior:...``); a name matches a participant whose name, words in the
text or id contain it (case- and accent-insensitive), so "Syria" matches the state
actor named "Syria" and "Kataib Hezbollah" matches "Kataib-Hezbollah". ``location``
matches any of the event's places by name, words, admin1 or country. ``modality``
defaults to ``asserted``.

**Article-level records** (a ``main`` object instead of ``events``) describe the
article's main violent event as conflict-casualty annotations do, and are scored per
field against :func:`briefing.extract.perpetrators.main_event` of the extraction (the
lede's attack with an exact toll, else the deadliest)::

    {"id": "fakes-1926479102", "source": "etilaf", "date": "2016-12-10", "text": "...",
     "main": {"governorate": "Aleppo", "killed": 56, "perpetrator": "government",
              "cause": "shelling", "date": "2016-12-09"}}

Instead of ``text`` (and title, source, date), ``"from": "COLLECTION.jsonl"`` names the
collection the article is in, relative to the gold file (tests/data/corpus_gold.jsonl
takes its articles from ../shared/corpus/fakes.jsonl, which stays outside the repository).

``perpetrator`` is a class key of ``data/perpetrators.toml`` (government, islamic-state,
coalition, opposition, kurdish, nusra, unknown); ``cause`` one of shelling (shelling, air
strikes, rockets), explosion, chemical, shooting, execution; ``killed`` must be exact
(0 matches no toll); ``date`` may be a day off; ``governorate`` is compared with its
usual spellings. A field left out or null is not scored. A file of such records gives an
:class:`ArticleReport` (``briefing eval`` detects the format).

Matching: a gold event is paired with the unused predicted event of the same type and
modality that agrees on the most fields. Predicted events that are not asserted are
never counted as false positives (a "will strike" event is not an error unless a gold
record says it is asserted); predicted asserted events left unpaired are.

``evaluate(path)`` returns a :class:`Report`; ``format_report(report, "table"|"jsonl")``
renders it for the command line (``briefing eval GOLD.jsonl``). Public gold of other
shapes (FA-KES articles, UCDP GED events) is scored by :mod:`briefing.extract.goldsets`.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from briefing.model import Article, Event, Extraction

__all__ = [
    "ARTICLE_FIELDS",
    "ArticleReport",
    "FIELDS",
    "Report",
    "evaluate",
    "evaluate_articles",
    "evaluate_records",
    "format_report",
    "load_gold",
]

FIELDS = ("type", "mode", "actors", "targets", "location", "killed", "wounded", "date", "modality")


@dataclass(slots=True)
class Tally:
    correct: int = 0
    total: int = 0

    @property
    def score(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass(slots=True)
class Report:
    records: int = 0
    gold_events: int = 0
    predicted: int = 0  # asserted predicted events, plus those paired with gold
    matched: int = 0
    false_positives: int = 0
    fields: dict[str, Tally] = field(default_factory=dict)
    categories: dict[str, dict[str, int]] = field(default_factory=dict)
    records_passed: int = 0
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold_events if self.gold_events else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def field_accuracy(self) -> float:
        """Correct fields over all scored fields of paired and unpaired gold events."""
        c = sum(t.correct for t in self.fields.values())
        t = sum(t.total for t in self.fields.values())
        return c / t if t else 1.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["fields"] = {
            k: {"correct": v.correct, "total": v.total, "score": round(v.score, 3)}
            for k, v in self.fields.items()
        }
        d.update(
            recall=round(self.recall, 3),
            precision=round(self.precision, 3),
            f1=round(self.f1, 3),
            field_accuracy=round(self.field_accuracy, 3),
        )
        return d


def _fold(s: str | None) -> str:
    if not s:
        return ""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("-", " ").replace("’", "'")
    for art in ("the ", "al "):
        if s.startswith(art):
            s = s[len(art) :]
    return " ".join(s.split())


def _name_match(gold: str, p) -> bool:
    g = _fold(gold)
    if not g:
        return False
    for cand in (p.name, p.text, (p.id or "").split(":")[-1].replace("-", " ")):
        c = _fold(cand)
        if c and (g == c or g in c or (len(c) > 3 and c in g)):
            return True
    return False


def _loc_match(gold: str, loc) -> bool:
    g = _fold(gold)
    for cand in (loc.name, loc.text, loc.admin1):
        c = _fold(cand)
        if c and (g == c or g in c or (len(c) > 3 and c in g)):
            return True
    return False


def _names_ok(gold: list[str], got) -> bool:
    if not gold:
        return not got
    return all(any(_name_match(g, p) for p in got) for g in gold)


def _field_ok(name: str, gold: dict, ev: Event) -> bool:
    if name == "type":
        return gold["type"] == ev.type
    if name == "mode":
        return (gold.get("mode") or None) == ev.mode
    if name == "actors" and not gold.get("actors") and "+prior:" in ev.rule:
        return True  # the text names no actor; one inferred from priors is not a reading
    if name in ("actors", "targets"):
        return _names_ok(gold.get(name) or [], getattr(ev, name))
    if name == "location":
        want = gold.get("location")
        if not want:
            return not ev.locations
        return any(_loc_match(want, loc) for loc in ev.locations)
    if name in ("killed", "wounded"):
        return gold.get(name) == getattr(ev, name)
    if name == "modality":
        return gold.get("modality", "asserted") == ev.modality
    if name == "date":
        return gold.get("date") == ev.date
    raise KeyError(name)


def _scored(gold: dict) -> list[str]:
    out = ["type"]
    for f in FIELDS[1:]:
        if f in gold:
            out.append(f)
    if "modality" not in out:
        out.append("modality")
    return out


def load_gold(path: str | Path) -> list[dict]:
    """Gold records; a record with ``"from": "COLLECTION.jsonl"`` (relative to the gold
    file) and no ``text`` takes its text, title, source and date from that collection, so
    that annotations of a corpus need not copy it."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: {exc}") from exc
            if "text" not in rec and rec.get("from"):
                article = _collection(Path(path).parent / rec["from"]).get(str(rec.get("id")))
                if article is None:
                    raise ValueError(
                        f"{path}:{n}: article {rec.get('id')!r} is not in {rec['from']}"
                    )
                rec = {**{k: article.get(k) for k in ("text", "title", "source", "date")}, **rec}
            out.append(rec)
    return out


_COLLECTIONS: dict[Path, dict[str, dict]] = {}


def _collection(path: Path) -> dict[str, dict]:
    """The articles of a JSONL collection by id (read once per process)."""
    path = path.resolve()
    if path not in _COLLECTIONS:
        if not path.is_file():
            raise ValueError(f"the annotated articles come from {path}, which is not there")
        with open(path, encoding="utf-8") as fh:
            rows = (json.loads(line) for line in fh if line.strip())
            _COLLECTIONS[path] = {str(r.get("id")): r for r in rows}
    return _COLLECTIONS[path]


def score_record(
    rec: dict, events: list[Event]
) -> tuple[list[tuple[dict, Event | None, list[str]]], list[Event]]:
    """Pair the record's gold events with predicted ones: (gold, event, wrong fields), unpaired asserted."""
    gold_events = [] if rec.get("noevents") else rec.get("events", [])
    used: set[int] = set()
    pairs = []
    for g in gold_events:
        want_mod = g.get("modality", "asserted")
        best, best_n = None, -1
        for k, ev in enumerate(events):
            if k in used or ev.type != g["type"] or ev.modality != want_mod:
                continue
            n = sum(_field_ok(f, g, ev) for f in _scored(g))
            if n > best_n:
                best, best_n = k, n
        if best is None:
            pairs.append((g, None, _scored(g)))
        else:
            used.add(best)
            ev = events[best]
            pairs.append((g, ev, [f for f in _scored(g) if not _field_ok(f, g, ev)]))
    extra = [ev for k, ev in enumerate(events) if k not in used and ev.modality == "asserted"]
    return pairs, extra


def evaluate_records(
    records: list[dict], extractor: Callable[[Article], Extraction] | None = None
) -> Report:
    if extractor is None:
        from briefing.extract import extract as extractor
    rep = Report()
    for f in FIELDS:
        rep.fields[f] = Tally()
    for rec in records:
        art = Article(
            id=str(rec.get("id")),
            title=rec.get("title", ""),
            text=rec["text"],
            date=rec.get("date"),
        )
        events = extractor(art).events
        pairs, extra = score_record(rec, events)
        cat = rep.categories.setdefault(
            rec.get("category", "NONE"),
            {
                "records": 0,
                "passed": 0,
                "gold": 0,
                "matched": 0,
                "false_positives": 0,
                "fields_ok": 0,
                "fields": 0,
            },
        )
        rep.records += 1
        cat["records"] += 1
        ok = not extra
        for g, ev, wrong in pairs:
            rep.gold_events += 1
            cat["gold"] += 1
            scored = _scored(g)
            for f in scored:
                rep.fields[f].total += 1
                if ev is not None and f not in wrong:
                    rep.fields[f].correct += 1
            cat["fields"] += len(scored)
            if ev is not None:
                rep.matched += 1
                cat["matched"] += 1
                cat["fields_ok"] += len(scored) - len(wrong)
            else:
                cat["fields_ok"] += 0
            if ev is None or wrong:
                ok = False
                rep.failures.append(
                    {
                        "id": rec.get("id"),
                        "gold": g,
                        "missing": ev is None,
                        "wrong": {f: _show(f, ev) for f in wrong} if ev else {},
                    }
                )
        rep.predicted += len(extra) + sum(1 for _, ev, _ in pairs if ev is not None)
        rep.false_positives += len(extra)
        cat["false_positives"] += len(extra)
        for ev in extra:
            rep.failures.append(
                {
                    "id": rec.get("id"),
                    "extra": {"type": ev.type, "trigger": ev.trigger, "rule": ev.rule},
                }
            )
        if ok:
            rep.records_passed += 1
            cat["passed"] += 1
    return rep


def _show(f: str, ev: Event) -> Any:
    if f in ("actors", "targets"):
        return [p.name for p in getattr(ev, f)]
    if f == "location":
        return [loc.name for loc in ev.locations]
    return getattr(ev, f)


def evaluate(
    gold_path: str | Path, extractor: Callable[[Article], Extraction] | None = None
) -> Report | ArticleReport:
    """Score the extraction on a gold JSONL file (see the module docstring)."""
    records = load_gold(gold_path)
    if records and all("main" in r for r in records):
        return evaluate_articles(records, extractor)
    return evaluate_records(records, extractor)


# --------------------------------------------------------------------------- articles

ARTICLE_FIELDS = ("governorate", "perpetrator", "cause", "killed", "date")

_GOVERNORATES = {
    "rif dimashq": ("damascus countryside", "rural damascus", "rif-dimashq", "reef damascus",
                    "damascus suburbs", "rif dimashq governorate"),
    "deir ez zor": ("deir ezzor", "deir al zor", "dayr az zawr", "deir ezzor", "deir el zour",
                    "deir ez-zor", "deir ezzour"),
    "hasakah": ("hasakah", "hasaka", "hassakeh", "hasakeh", "hassake"),
    "raqqa": ("ar raqqah", "raqqah", "raqa"),
    "suwayda": ("as suwayda", "sweida", "suwaida", "sweida"),
    "latakia": ("lattakia", "al ladhiqiyah"),
    "tartus": ("tartous",),
    "damascus": ("dimashq",),
    "idlib": ("idleb",),
    "daraa": ("deraa", "dara'a"),
}  # fmt: skip
_GOV_KEY = {_fold(v): k for k, vs in _GOVERNORATES.items() for v in (k, *vs)}


def _governorate_key(name: str | None) -> str:
    f = _fold(name)
    return _GOV_KEY.get(f, f)


@dataclass(slots=True)
class ArticleReport:
    """Per-field accuracy of the main violent event over annotated articles."""

    records: int = 0
    found: int = 0  # articles with a main event
    fields: dict[str, Tally] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "found": self.found,
            "fields": {
                k: {"correct": v.correct, "total": v.total, "score": round(v.score, 3)}
                for k, v in self.fields.items()
            },
            "failures": self.failures,
        }


def _main_values(ev: Event | None) -> dict[str, Any]:
    from briefing.extract import perpetrators as P

    return {
        "governorate": P.governorate(ev),
        "perpetrator": P.perpetrator(ev),
        "cause": P.cause(ev.mode) if ev else None,
        "killed": ev.killed if ev else None,
        "date": ev.date if ev else None,
    }


def _article_field_ok(name: str, want: Any, got: Any) -> bool:
    if name == "governorate":
        return _governorate_key(want) == _governorate_key(got)
    if name == "killed":
        return (want or None) == (got or None)
    if name == "date":
        from briefing.text.dates import parse_iso

        a, b = parse_iso(want), parse_iso(got)
        return bool(a and b and abs((a - b).days) <= 1)
    return want == got


def evaluate_articles(
    records: list[dict], extractor: Callable[[Article], Extraction] | None = None
) -> ArticleReport:
    """Score article-level records (see the module docstring)."""
    from briefing.extract.perpetrators import main_event

    if extractor is None:
        from briefing.extract import extract as extractor
    rep = ArticleReport(fields={f: Tally() for f in ARTICLE_FIELDS})
    for rec in records:
        art = Article(
            id=str(rec.get("id")),
            title=rec.get("title", ""),
            text=rec["text"],
            source=rec.get("source"),
            date=rec.get("date"),
        )
        ev = main_event(extractor(art).events)
        rep.records += 1
        rep.found += ev is not None
        got = _main_values(ev)
        wrong = {}
        for f in ARTICLE_FIELDS:
            want = rec["main"].get(f)
            if want is None:
                continue
            rep.fields[f].total += 1
            if _article_field_ok(f, want, got[f]):
                rep.fields[f].correct += 1
            else:
                wrong[f] = {"gold": want, "got": got[f]}
        if wrong:
            rep.failures.append(
                {"id": rec.get("id"), "wrong": wrong, "sentence": ev.sentence[:160] if ev else None}
            )
    return rep


def _format_articles(report: ArticleReport, fmt: str) -> str:
    if fmt == "jsonl":
        return json.dumps(report.to_dict(), ensure_ascii=False)
    lines = [
        f"articles {report.records}  with a main violent event {report.found}",
        "",
        f"{'field':<12} {'correct':>8} {'total':>6} {'score':>6}",
    ]
    for name, t in report.fields.items():
        lines.append(f"{name:<12} {t.correct:>8} {t.total:>6} {t.score:>6.3f}")
    if report.failures:
        lines += ["", f"failures ({len(report.failures)}):"]
        for f in report.failures:
            lines.append("  " + json.dumps(f, ensure_ascii=False, default=str)[:240])
    return "\n".join(lines)


def format_report(report: Report | ArticleReport, fmt: str = "table") -> str:
    """The report as a text table (``table``) or one JSON object (``jsonl``)."""
    if isinstance(report, ArticleReport):
        return _format_articles(report, fmt)
    if fmt == "jsonl":
        return json.dumps(report.to_dict(), ensure_ascii=False)
    lines = [
        f"records {report.records}  passed {report.records_passed}  gold events {report.gold_events}  "
        f"matched {report.matched}  false positives {report.false_positives}",
        f"precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}  "
        f"field accuracy {report.field_accuracy:.3f}",
        "",
        f"{'field':<10} {'correct':>8} {'total':>6} {'score':>6}",
    ]
    for name, t in report.fields.items():
        if t.total:
            lines.append(f"{name:<10} {t.correct:>8} {t.total:>6} {t.score:>6.3f}")
    lines += [
        "",
        f"{'category':<16} {'records':>7} {'passed':>6} {'gold':>5} {'matched':>7} {'fp':>4} {'fields':>7}",
    ]
    for name, c in sorted(report.categories.items()):
        fs = f"{c['fields_ok'] / c['fields']:.2f}" if c["fields"] else "-"
        lines.append(
            f"{name:<16} {c['records']:>7} {c['passed']:>6} {c['gold']:>5} {c['matched']:>7} {c['false_positives']:>4} {fs:>7}"
        )
    if report.failures:
        lines += ["", "failures (first 20):"]
        for f in report.failures[:20]:
            lines.append("  " + json.dumps(f, ensure_ascii=False, default=str)[:200])
    return "\n".join(lines)

"""The filter language shared by the list, the map, the overview and the command line.

An analyst types a filter as words ``key:value``, a value with spaces in quotes::

    place:Aleppo actor:"Islamic State" since:2017-01 type:ASSAULT mode:aerial

``parse`` turns the text into a ``Filter`` (or raises ``FilterError`` with one line that
names the accepted forms); ``Filter.text()`` writes it back, so the bar always shows what
is in force. Dates are checked here: ``yyyy``, ``yyyy-mm``, ``yyyy-mm-dd``, ``today``,
``yesterday`` and, as ``git log --since`` takes them, ``7d``, ``2w``, ``3m``, ``1y`` or
``2 weeks ago``. Names (actor, place, source) are resolved against an index by
``resolve``, which says what a fuzzy name was taken to mean (``Resolved.notes``).

The command line's flags (``--since``, ``--actor``, ``--type`` …) are mapped onto the same
``Filter`` (``from_options``): one code path, one set of checks.
"""

from __future__ import annotations

import calendar
import re
import shlex
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.index.queries import Index

TYPES = (
    "ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION", "ACCUSE", "REJECT", "REQUEST",
    "PROTEST", "RETREAT", "CONCEDE", "AID", "COOPERATE", "SUPPORT", "CONSULT", "AGREE",
)  # fmt: skip
MODES = (
    "aerial", "drone", "heavy-weapons", "explosives", "suicide-attack", "firearms", "targeted",
    "abduct", "chemical", "execution", "troops", "weapons", "phone", "visit", "multilateral",
)  # fmt: skip
MODALITIES = ("asserted", "negated", "future", "hypothetical", "alleged", "all")
KEYS = ("place", "actor", "since", "until", "type", "mode", "modality", "source", "article")
DATE_FORMS = "yyyy, yyyy-mm, yyyy-mm-dd, today, yesterday, or 7d, 2w, 3m, 1y ago"
_UNITS = {"d": 1, "day": 1, "w": 7, "week": 7, "m": 30, "month": 30, "y": 365, "year": 365}
_RELATIVE = re.compile(
    r"(\d+)\s*\.?\s*(d|days?|w|weeks?|m|months?|y|years?)(?:\s+ago)?", re.IGNORECASE
)


class FilterError(ValueError):
    """A filter that cannot be used; the message is one line to show as it is."""


@dataclass(slots=True, frozen=True)
class Filter:
    """What an analyst asked for, as typed (names not yet resolved; dates as ISO days)."""

    place: str | None = None
    actor: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    mode: str | None = None
    modality: str | None = None  # None: asserted only (the default); "all": every one
    source: str | None = None
    article: str | None = None

    def text(self) -> str:
        """The filter as the bar shows it (parse(f.text()) == f)."""
        out = []
        for key in KEYS:
            value = getattr(self, key)
            if value:
                out.append(f"{key}:{_quote(value)}")
        return " ".join(out)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def merged(self, other: Filter) -> Filter:
        """This filter with every key ``other`` sets replaced by ``other``'s value."""
        return replace(self, **{k: v for k in KEYS if (v := getattr(other, k))})

    def without(self, key: str) -> Filter:
        return replace(self, **{key: None})


def _quote(value: str) -> str:
    return f'"{value}"' if re.search(r"[\s\"':]", value) else value


def parse(text: str, *, today: date | None = None) -> Filter:
    """A Filter from what the analyst typed; FilterError names what is wrong."""
    try:
        words = shlex.split(text or "")
    except ValueError as exc:
        raise FilterError(f"unbalanced quotes in {text!r}: {exc}") from None
    values: dict[str, str] = {}
    for word in words:
        key, sep, value = word.partition(":")
        key = key.strip().lower()
        if not sep:
            raise FilterError(
                f"{word!r} is not key:value; keys are {', '.join(KEYS)}"
                f' (e.g. place:Aleppo actor:"Islamic State" since:2017-01)'
            )
        if key not in KEYS:
            raise FilterError(f"unknown filter key {key!r}; keys are {', '.join(KEYS)}")
        if not value.strip():
            raise FilterError(f"{key}: needs a value, e.g. {key}:{_EXAMPLES[key]}")
        values[key] = value.strip()
    return from_options(today=today, **values)


def split(text: str, *, today: date | None = None) -> tuple[Filter, list[str]]:
    """What the article list's box holds: ``key:value`` words (a Filter, checked as
    ``parse`` checks them) and other words (matched against titles and sources)."""
    try:
        words = shlex.split(text or "")
    except ValueError as exc:
        raise FilterError(f"unbalanced quotes in {text!r}: {exc}") from None
    keyed = [w for w in words if w.partition(":")[0].strip().lower() in KEYS and ":" in w]
    free = [w for w in words if w not in keyed]
    return parse(" ".join(shlex.quote(w) for w in keyed), today=today), free


_EXAMPLES = {
    "place": "Aleppo", "actor": '"Islamic State"', "since": "2017-01", "until": "2017-06-30",
    "type": "ASSAULT", "mode": "aerial", "modality": "alleged", "source": "Reuters",
    "article": "ID",
}  # fmt: skip


def from_options(*, today: date | None = None, **options: Any) -> Filter:
    """A Filter from values by key (command-line flags, parsed words); values checked:
    dates must be dates and in order, type, mode and modality known words."""
    unknown = set(options) - set(KEYS)
    if unknown:
        raise FilterError(f"unknown filter key {sorted(unknown)[0]!r}; keys are {', '.join(KEYS)}")
    values = {k: (str(v).strip() or None) if v is not None else None for k, v in options.items()}
    since = parse_day(values.get("since"), today=today, what="since")
    until = parse_day(values.get("until"), end=True, today=today, what="until")
    if since and until and since > until:
        raise FilterError(f"since {since} is after until {until}: no day is in between")
    kind = values.get("type")
    if kind:
        kind = kind.upper()
        if kind not in TYPES:
            raise FilterError(f"type: unknown {values['type']!r}; one of {', '.join(TYPES)}")
    mode = values.get("mode")
    if mode:
        mode = mode.lower()
        if mode not in MODES:
            raise FilterError(f"mode: unknown {values['mode']!r}; one of {', '.join(MODES)}")
    modality = values.get("modality")
    if modality:
        modality = modality.lower()
        if modality not in MODALITIES:
            raise FilterError(
                f"modality: unknown {values['modality']!r}; one of {', '.join(MODALITIES)}"
            )
        if modality == "asserted":
            modality = None  # the default
    return Filter(
        place=values.get("place"),
        actor=values.get("actor"),
        since=since,
        until=until,
        type=kind,
        mode=mode,
        modality=modality,
        source=values.get("source"),
        article=values.get("article"),
    )


def parse_day(
    text: str | None, *, end: bool = False, today: date | None = None, what: str = "date"
) -> str | None:
    """An ISO day from an absolute, partial or relative date; a partial date is its first
    day, or its last if ``end``. FilterError names the accepted forms."""
    if text is None or not text.strip():
        return None
    word = text.strip().lower()
    today = today or date.today()
    if word == "today":
        return today.isoformat()
    if word == "yesterday":
        return (today - timedelta(days=1)).isoformat()
    if m := _RELATIVE.fullmatch(word):
        unit = m[2].rstrip("s") if len(m[2]) > 1 else m[2]
        return (today - timedelta(days=int(m[1]) * _UNITS[unit])).isoformat()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", word)
    if not m:
        raise FilterError(f"{what}: not a date: {text!r} (use {DATE_FORMS})")
    year, month, day = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    try:
        if not month:
            return date(year, 12 if end else 1, 31 if end else 1).isoformat()
        if not day:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end else 1).isoformat()
        return date(year, month, day).isoformat()
    except ValueError as exc:
        raise FilterError(f"{what}: not a date: {text!r} ({exc}; use {DATE_FORMS})") from None


@dataclass(slots=True)
class Resolved:
    """A Filter checked against an index: entity rows for names, the source as stored."""

    filter: Filter
    actor: dict[str, Any] | None = None
    place: dict[str, Any] | None = None
    source: str | None = None
    notes: list[str] = field(default_factory=list)  # "actor: Islamic State" for fuzzy names

    def query(self) -> dict[str, Any]:
        """Keyword arguments of ``Index.events`` / ``Index._where``."""
        f = self.filter
        return {
            "actor": self.actor and self.actor["id"],
            "place": self.place and self.place["id"],
            "since": f.since,
            "until": f.until,
            "type": f.type,
            "mode": f.mode,
            "source": self.source,
            "article": f.article,
            "modality": None if f.modality == "all" else (f.modality or "asserted"),
        }


MIN_SCORE = 75.0  # a fuzzy name closer than this to nothing names nothing


def find_entity(index: Index, name: str, kind: str | None = None) -> dict[str, Any] | None:
    """The entity ``name`` means: an id, else the best fuzzy match of that kind (a name or
    alias, typos allowed) if it is close enough (``MIN_SCORE``), else None."""
    if (row := index.entity(name)) and (kind is None or row["kind"] == kind):
        return row
    from briefing.index.search import search

    kinds = (kind,) if kind else ("actor", "place")
    hits = [h for h in search(index, name, kinds=kinds, limit=1) if h["score"] >= MIN_SCORE]
    return index.entity(hits[0]["id"]) if hits else None


def resolve(index: Index, flt: Filter) -> Resolved:
    """Look the filter's names up; FilterError when a name, source or article matches nothing."""
    out = Resolved(flt)
    for kind in ("actor", "place"):
        name = getattr(flt, kind)
        if not name:
            continue
        found = find_entity(index, name, kind)
        if not found:
            raise FilterError(f"{kind}: nothing matches {name!r} (try `briefing search {name}`)")
        setattr(out, kind, found)
        if found["id"] != name and found["name"].casefold() != name.casefold():
            out.notes.append(f"{kind}: {found['name']}")
    if flt.source:
        sources = [
            s
            for (s,) in index.con.execute(
                "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL"
            )
        ]
        exact = [s for s in sources if s.casefold() == flt.source.casefold()]
        near = exact or [s for s in sources if flt.source.casefold() in s.casefold()]
        if not near:
            raise FilterError(f"source: no article comes from {flt.source!r}")
        if len(near) > 1:
            shown = ", ".join(sorted(near)[:5])
            raise FilterError(f"source: {flt.source!r} could be {shown}; say which")
        out.source = near[0]
        if near[0] != flt.source:
            out.notes.append(f"source: {near[0]}")
    if flt.article and not index.articles(ids=[flt.article]):
        raise FilterError(f"article: no article with id {flt.article!r}")
    return out

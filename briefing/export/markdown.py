"""The markdown briefing: front matter, bottom line up front, key figures, timeline,
key actors and places, gaps, and every report as a footnote with its evidence sentence.

``stream_markdown(index, scope)`` reads the events in scope from the index a block at a
time, in timeline order (``Index.timeline``), and writes the brief in parts: one pass
over the timeline sums up what the brief opens with while its timeline rows and
footnotes are set aside (in a temporary file past a few MB), so that a brief of a whole
collection takes little memory. ``render_markdown`` is that text whole; ``compose(events,
articles, …)`` is the same over events in memory (tests make them by hand).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import quote

import yaml

from briefing import __version__
from briefing.export.caveats import toll_caveat
from briefing.export.escape import cell, code, inline
from briefing.export.scope import Scope
from briefing.export.timeline import Article, Entry, Event, day_of, entries, read_articles
from briefing.geo import Place

if TYPE_CHECKING:
    from briefing.index.queries import Index

KEY_ACTORS = 5
KEY_PLACES = 5
SECTION_ROWS = 10
TIMELINE_HEADER = (
    "Date", "Place", "Actors → targets", "Event", "Killed / wounded", "Confidence", "Sources"
)  # fmt: skip
PART = 1000  # timeline entries whose articles are read from the index at a time
SPOOL = 8 << 20  # characters of timeline rows and of notes kept in memory, then in a file
NOTES_KEPT = 100_000  # sentences whose note number is remembered, to cite a sentence once


def render_markdown(
    index: Index,
    scope: Scope,
    *,
    title: str | None = None,
    today: date | str | None = None,
) -> str:
    """The briefing for ``scope`` as markdown text (UTF-8, ends with a newline).

    ``today`` is the as-of date written in the brief (default: today); with the same index,
    scope and ``today`` the output is byte-for-byte the same.
    """
    return "".join(stream_markdown(index, scope, title=title, today=today))


def stream_markdown(
    index: Index,
    scope: Scope,
    *,
    title: str | None = None,
    today: date | str | None = None,
    map_path: str | os.PathLike[str] | None = None,
) -> Iterator[str]:
    """``render_markdown``'s text in parts, to write as they come. With ``map_path``, a
    static SVG map of the events with a known place is written there (when there are any)
    and linked from the brief by its file name: put it beside the markdown."""
    articles: dict[str, Article] = {}  # those of the part of the timeline being read
    brief = _Brief(scope, _iso(today))
    yield from brief.write(
        _index_entries(index, scope, articles),
        articles,
        title,
        index.state_hash(),
        Path(map_path) if map_path is not None else None,
    )


def _index_entries(index: Index, scope: Scope, articles: dict[str, Article]) -> Iterator[Entry]:
    """The timeline entries of ``scope``, read from the index PART entries at a time, with
    the articles of each part in ``articles`` (at least) while its entries are used."""
    from briefing.export.scope import selections

    part: list[Entry] = []
    entry: Entry | None = None
    for event, key in index.timeline(selections(scope)):
        if entry is not None and entry.key == key:
            entry.reports.append(event)  # a cluster's reports come together
            continue
        if entry is not None:
            part.append(entry)
            if len(part) == PART:
                yield from _dated(index, part, articles)
                part = []
        entry = Entry(key=key, reports=[event])
    if entry is not None:
        part.append(entry)
    yield from _dated(index, part, articles)


def _dated(index: Index, part: list[Entry], articles: dict[str, Article]) -> Iterator[Entry]:
    read_articles(index, {r["article_id"] for e in part for r in e.reports}, articles)
    for entry in part:
        entry.day = day_of(entry.first, articles)
        yield entry


def compose(
    events: list[Event],
    articles: Mapping[str, Article],
    *,
    scope: Scope | None = None,
    title: str | None = None,
    as_of: str | None = None,
    index_hash: str = "",
    clusters: Mapping[str, str] | None = None,
) -> str:
    """The briefing as markdown, from event and article dicts shaped as in DESIGN.md."""
    brief = _Brief(scope or Scope(), as_of or _iso(None))
    return "".join(brief.write(entries(events, articles, clusters), articles, title, index_hash))


def _iso(day: date | str | None) -> str:
    if day is None:
        return date.today().isoformat()
    return day.isoformat() if isinstance(day, date) else str(day)


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


# What an event of a kind is called one at a time: a kind ending in -s drops it ("1 air
# strike"); these do otherwise; a kind not counted one by one ("aid", "shelling") counts
# events of it ("1 aid event", "3 shelling events").
_ONE_OF = {"talks": ("round of talks", "rounds of talks"),
           "multilateral talks": ("round of multilateral talks", "rounds of multilateral talks")}  # fmt: skip


def _count_of(n: int, kind: str) -> str:
    """``n`` events of ``kind`` in words: ``1 air strike``, ``2 air strikes``, ``1 aid event``."""
    if kind in _ONE_OF:
        one, many = _ONE_OF[kind]
    elif kind.endswith("s") and not kind.endswith("ss"):
        one, many = kind[:-1], kind
    else:
        one, many = f"{kind} event", f"{kind} events"
    return f"{n} {one if n == 1 else many}"


def _between(first: str | None, last: str | None) -> str:
    """``on D`` for one day, ``between D and E`` for more; ``(undated)`` for none."""
    if not first:
        return "(undated)"
    return f"on {first}" if first == last else f"between {first} and {last}"


def _span(lo_hi: tuple[int, int] | None) -> str:
    if lo_hi is None:
        return "?"
    lo, hi = lo_hi
    return str(lo) if lo == hi else f"{lo}–{hi}"


def _kind(event: Event) -> str:
    """What the event is, in words: ``air strikes``, ``talks``; falls back on the PLOVER type."""
    try:
        from briefing.index.link import kind_of_event

        return kind_of_event(event.get("type") or "", event.get("mode"))
    except (ImportError, KeyError, AttributeError):
        mode = event.get("mode")
        return (event.get("type") or "event").lower() + (f" ({mode})" if mode else "")


@dataclass(slots=True)
class _Involved:
    """What a key actors or key places section says of one actor or place."""

    events: int = 0
    as_actor: int = 0
    first: str | None = None  # day
    last: str | None = None
    killed: int = 0
    tolled: int = 0  # events whose killed toll counts
    items: list[str] = field(default_factory=list)  # the first SECTION_ROWS


class _Brief:
    """One briefing, written from its timeline entries in one pass: what the brief opens
    with is summed up as the entries go by, while their timeline rows and footnotes are
    set aside until it is written."""

    def __init__(self, scope: Scope, as_of: str):
        self.scope = scope
        self.as_of = as_of
        self.events = 0  # timeline entries
        self.report_count = 0
        self.article_ids: dict[str, None] = {}  # in timeline order
        self.outlets: set[str] = set()
        self.first: str | None = None  # earliest and latest day
        self.last: str | None = None
        self.tolls = {"killed": [0, 0, 0], "wounded": [0, 0, 0]}  # lowest, highest, events
        self.left_out: Counter[str] = Counter()  # events whose toll is left out, by why
        marked = scope.marks if scope.marked else ()
        self.marked_ids = frozenset(i for kind, i in marked if kind == "event")
        self.marked_found = 0  # marked events in the timeline
        self.marked_merged: list[tuple[int, str]] = []  # (marked events, their day) per row
        self.notes = 0  # footnotes written
        self.noted: dict[tuple[str, int], int] = {}  # a sentence's note number, by its hash
        self.shared_sentence = 0  # events read from a sentence another event was read from
        self.kinds: Counter[str] = Counter()
        self.single = self.undated = self.placeless = self.spread = 0
        # events per actor (as actor), place, and actor (as actor or target), with the
        # name each key is shown by: the first met as an actor, else as a place, else as
        # either (the order the sections that rank them were first written in)
        self.counted: dict[str, Counter[str]] = {r: Counter() for r in ("actors", "places", "both")}
        self.first_names: dict[str, dict[str, str]] = {r: {} for r in ("actors", "places", "both")}
        self.involved: dict[str, dict[str, _Involved]] = {"actors": {}, "places": {}}
        # entries per primary place with coordinates: [name, lat, lon, entries, killed]
        self.located: dict[str, list[Any]] = {}

    # reading ---------------------------------------------------------------------------

    def add(
        self, entry: Entry, articles: Mapping[str, Article], rows: IO[str], notes: IO[str]
    ) -> None:
        """Count one timeline entry, and write its row and footnotes aside."""
        self.events += 1
        self.report_count += len(entry.reports)
        numbers: list[int] = []
        shared = False
        for report in entry.reports:
            key = (
                report.get("article_id") or "",
                hash(report.get("sentence") or report.get("start")),
            )
            n = self.noted.get(key)
            if n is None:
                self.notes += 1
                n = self.noted[key] = self.notes
                notes.write(f"\n\n[^{n}]: {self._source(report, articles)}")
            elif n not in numbers:
                shared = True
            if n not in numbers:
                numbers.append(n)
        if len(self.noted) > NOTES_KEPT:
            self.noted.clear()
        self.shared_sentence += shared
        refs = " ".join(f"[^{n}]" for n in numbers)
        marked = sum(r.get("event_id") in self.marked_ids for r in entry.reports)
        self.marked_found += marked
        if marked > 1:
            self.marked_merged.append((marked, entry.day or "undated"))
        in_articles = entry.articles()
        for article_id in in_articles:
            if article_id not in self.article_ids:
                self.article_ids[article_id] = None
                if source := (articles.get(article_id) or {}).get("source"):
                    self.outlets.add(source)
        if day := entry.day:
            self.first = day if self.first is None else min(self.first, day)
            self.last = day if self.last is None else max(self.last, day)
        killed, why_killed = self.toll(entry, "killed")
        wounded, why_wounded = self.toll(entry, "wounded")
        for toll, counts in ((killed, self.tolls["killed"]), (wounded, self.tolls["wounded"])):
            if toll:
                counts[0] += toll[0]
                counts[1] += toll[1]
                counts[2] += 1
        for why in dict.fromkeys(w for w in (why_killed, why_wounded) if w):
            self.left_out[why] += 1
        self.kinds[_kind(entry.first)] += 1
        self.single += len(in_articles) == 1
        self.undated += not any(r.get("date") for r in entry.reports)
        place = entry.place()
        self.placeless += place is None
        self._locate(entry, killed[0] if killed else 0)
        self.spread += bool(killed and killed[0] != killed[1])
        actors, targets = entry.names("actors"), entry.names("targets")
        both = list(dict(actors + targets).items())
        for role, found in (
            ("actors", actors),
            ("places", [place] if place else []),
            ("both", both),
        ):
            names = self.first_names[role]
            for key, name in found:
                names.setdefault(key, name)
                self.counted[role][key] += 1
        item = ""
        for role, keys in (
            ("actors", [k for k, _ in both]),
            ("places", [place[0]] if place else []),
        ):
            for key in keys:
                seen = self.involved[role].setdefault(key, _Involved())
                seen.events += 1
                seen.as_actor += role == "actors" and any(k == key for k, _ in actors)
                if day:
                    seen.first = day if seen.first is None else min(seen.first, day)
                    seen.last = day if seen.last is None else max(seen.last, day)
                seen.killed += killed[0] if killed else 0
                seen.tolled += bool(killed)
                if len(seen.items) < SECTION_ROWS:
                    item = item or self._item(entry, refs)
                    seen.items.append(item)
        rows.write("\n" + self._row(entry, refs))

    def toll(self, entry: Entry, field_name: str) -> tuple[tuple[int, int] | None, str | None]:
        """``(lowest, highest)`` of the entry's tolls that may enter the totals, and why
        the others may not (``briefing.export.caveats``; None if none was left out)."""
        since, until = self.scope.since, self.scope.until
        values, why = [], None
        for report in entry.reports:
            value = report.get(field_name)
            if not isinstance(value, int):
                continue
            caveat = toll_caveat(report, field_name, since, until)
            if caveat is None:
                values.append(value)
            else:
                why = why or caveat
        return ((min(values), max(values)) if values else None), (None if values else why)

    def _locate(self, entry: Entry, killed: int) -> None:
        """Count the entry at its first place that has coordinates, for the map."""
        for report in entry.reports:
            for loc in report.get("locations") or ():
                lat, lon = loc.get("lat"), loc.get("lon")
                if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
                    key = loc.get("id") or loc.get("name") or f"{lat},{lon}"
                    seen = self.located.setdefault(
                        key, [loc.get("name") or loc.get("text") or key, lat, lon, 0, 0]
                    )
                    seen[3] += 1
                    seen[4] += killed
                    return

    def places(self) -> list[Place]:
        """The places of the entries, with coordinates, as the map counts them."""
        return [
            Place(key, name, lat, lon, n, killed)
            for key, (name, lat, lon, n, killed) in self.located.items()
        ]

    def map_line(self, map_path: Path | None, title: str) -> str | None:
        """Write the static map beside the brief and say where it is; None without one."""
        if map_path is None or not self.located:
            return None
        from briefing.export.atomic import write_atomic
        from briefing.geo.svg import svg_map

        places = self.places()
        write_atomic(map_path, svg_map(places, title=title), overwrite=True)
        mapped = sum(p.events for p in places)
        left = self.events - mapped
        alt = f"Map of the {_plural(mapped, 'event')} with a known place"
        note = f" ({_plural(left, 'event')} without one not shown)" if left else ""
        return f"![{alt}]({quote(map_path.name)}){note}"

    def write(
        self,
        timeline: Iterable[Entry],
        articles: Mapping[str, Article],
        title: str | None,
        index_hash: str,
        map_path: Path | None = None,
    ) -> Iterator[str]:
        """The brief of ``timeline`` in parts (``articles``: those of its entries, at least
        of the one being read); with ``map_path``, its map is written there and linked."""
        with _spool() as rows, _spool() as notes:
            for entry in timeline:
                self.add(entry, articles, rows, notes)
            title = " ".join((title or "").split()) or f"Briefing: {self.scope.label()}"
            head = [
                self.front_matter(title, index_hash),
                f"# {inline(title)}",
                self.covers(),
                *filter(None, [self.map_line(map_path, title)]),
                "## Bottom line up front",
                self.bluf(),
                "## Key figures",
                self.key_figures(),
                "## Timeline",
            ]
            yield "\n\n".join(head) + "\n\n"
            if self.events:
                yield "| " + " | ".join(TIMELINE_HEADER) + " |\n|" + "---|" * len(TIMELINE_HEADER)
                yield from _played(rows)
            else:
                yield "No events in scope."
            tail = [
                *self.sections("Key actors", self.key_actors(), "actors"),
                *self.sections("Key places", self.key_places(), "places"),
                "## Gaps and caveats",
                self.gaps(),
                "## Sources",
            ]
            yield "\n\n" + "\n\n".join(tail) + "\n\n"
            if self.report_count:
                yield (
                    "Each note gives the article, its outlet and date, and the sentence the "
                    "event was read from."
                )
                yield from _played(notes)
            else:
                yield "No sources."
            yield "\n"

    # sections --------------------------------------------------------------------------

    def period(self) -> tuple[str | None, str | None]:
        return self.scope.since or self.first, self.scope.until or self.last

    def front_matter(self, title: str, index_hash: str) -> str:
        start, end = self.period()
        meta = {
            "title": title,
            "period": {"from": start, "to": end},
            "as_of": self.as_of,
            "scope": self.scope.describe(),
            "events": self.events,
            "reports": self.report_count,
            "articles": len(self.article_ids),
            **({"marked_events": self.marked_found} if self.scope.marked else {}),
            "generator": f"briefing {__version__}",
            "index": index_hash,
        }
        body = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
        return f"---\n{body}---"

    def covers(self) -> str:
        start, end = self.period()
        if start and start == end:
            when = start
        elif start or end:
            when = f"from {start or 'undated'} to {end or 'undated'}"
        else:
            when = "undated"
        text = (
            f"Covers {when} · as of {self.as_of} · scope: {inline(self.scope.label())} · "
            f"{_plural(self.events, 'event')} from "
            f"{_plural(len(self.article_ids), 'article')}"
        )
        if self.scope.marked:
            text += f" · {self.marked_text()}"
        return text

    def marked_text(self) -> str:
        """How the marked events are counted: each its own row, or several one incident."""
        found = _plural(self.marked_found, "marked event")
        if not self.marked_merged:
            return f"{found}, each its own row" if self.marked_found > 1 else found
        merged = "; ".join(
            f"{n} marked events describe one incident ({day})" for n, day in self.marked_merged
        )
        rows = self.marked_found - sum(n - 1 for n, _ in self.marked_merged)
        return f"{found} in {_plural(rows, 'row')}: {merged}"

    def bluf(self) -> str:
        n = self.events
        what = (
            f"{self.scope.modality} events"
            if self.scope.modality
            else ("events" if self.scope.all_modalities else "asserted events")
        )
        if not n:
            return f"No {what} in scope."
        start, end = self.period()
        kinds_text = ", ".join(inline(_count_of(k, name)) for name, k in _ranked(self.kinds)[:4])
        if start and start == end:
            when = f"On {start}, "
        elif start and end:
            when = f"From {start} to {end}, "
        elif start or end:
            when = f"Since {start}, " if start else f"Until {end}, "
        else:
            when = "Undated: "
        lines = [f"{when}{self._sources()} report {_plural(n, 'event')} ({kinds_text})."]
        tolls = []
        for field_name, verb in (("killed", "killed"), ("wounded", "wounded")):
            low, _, given = self.tolls[field_name]
            if given:
                tolls.append(f"at least {low:,} {verb} ({given} of {n} events give a toll)")
        toll_text = "; ".join(tolls) if tolls else "no report in scope gives a toll it can count"
        if left := sum(self.left_out.values()):
            toll_text += (
                f" ({_plural(left, 'event')} with a toll left out: "
                f"{self.left_out_text()}; see Gaps)"
            )
        lines.append(toll_text[0].upper() + toll_text[1:] + ".")
        actors = self.top("actors", 3)
        if actors:
            lines.append(
                "Most active: "
                + ", ".join(f"{inline(self.name(a))} ({c})" for a, c in actors)
                + "."
            )
        places = self.top("places", 3)
        if places:
            lines.append(
                "Places hit most: "
                + ", ".join(f"{inline(self.name(p))} ({c})" for p, c in places)
                + "."
            )
        return " ".join(lines)

    def key_figures(self) -> str:
        n = self.events
        start, end = self.period()
        rows = [
            ("Events", f"{n} ({_plural(self.report_count, 'report')})"),
            (
                "Period",
                start if start and start == end else f"{start or 'undated'} to {end or 'undated'}",
            ),
        ]
        for field_name, label in (("killed", "Killed"), ("wounded", "Wounded")):
            lo, hi, k = self.tolls[field_name]
            value = f"at least {lo:,}" + (f" (reports range {lo:,}–{hi:,})" if hi != lo else "")
            rows.append((label, f"{value}, from {k} of {n} events" if k else "not reported"))
        if self.left_out:
            rows.append(("Tolls left out", self.left_out_text()))
        rows.append(
            ("Sources", f"{self._sources()}; {self.single} of {n} events rest on a single article")
        )
        bullets = "\n".join(f"- **{label}:** {value}" for label, value in rows)
        return f"As of {self.as_of}, from the reports in scope:\n\n{bullets}"

    def key_actors(self) -> list[tuple[str, str, int]]:
        """The most involved actors, the scope's own actor first."""
        return self._key("both", KEY_ACTORS, self.scope.actor)

    def key_places(self) -> list[tuple[str, str, int]]:
        """The places with most events, the scope's own place first."""
        return self._key("places", KEY_PLACES, self.scope.place)

    def sections(self, heading: str, keys: list[tuple[str, str, int]], role: str) -> list[str]:
        if not keys:
            return []
        out = [f"## {heading}"]
        for key, name, _count in keys:
            seen = self.involved[role][key]
            out.append(f"### {inline(name)}")
            out.append(self._summary(seen, role))
            items = list(seen.items)
            if seen.events > SECTION_ROWS:
                items.append(f"- … and {seen.events - SECTION_ROWS} more in the timeline.")
            out.append("\n".join(items))
        return out

    def gaps(self) -> str:
        n = self.events
        if not n:
            return "- Nothing in scope: widen the scope or index more articles."
        lines = [f"{self.single} of {n} events rest on a single article."]
        if self.undated:
            lines.append(
                f"{self.undated} of {n} events give no date of their own; they are placed at "
                "their article's date, if it has one."
            )
        if self.placeless:
            lines.append(f"{self.placeless} of {n} events name no place.")
        if self.left_out:
            lines.append(
                f"Tolls left out of the totals: {self.left_out_text()}. A vague toll is a "
                "magnitude (“hundreds”), not a count; a toll over a span of time sums many "
                "events; a toll outside the period is not the period's. Each is shown in its "
                "row, marked."
            )
        if self.shared_sentence:
            lines.append(
                f"{self.shared_sentence} of {n} events were read from a sentence another event "
                "was read from (they cite the same note): check that they are not one "
                "incident read twice."
            )
        if self.marked_merged:
            lines.append(
                self.marked_text()[0].upper() + self.marked_text()[1:] + ": reports of one "
                "incident are one row."
            )
        if self.spread:
            lines.append(
                f"{self.spread} of {n} events have reports that disagree on the toll (shown as a range)."
            )
        lines.append(
            "Events are extracted automatically: check each against its evidence sentence "
            "in the notes below."
        )
        return "\n".join(f"- {line}" for line in lines)

    # ranking ---------------------------------------------------------------------------

    def left_out_text(self) -> str:
        return ", ".join(f"{n} {why}" for why, n in sorted(self.left_out.items()))

    def name(self, key: str) -> str:
        for role in ("actors", "places", "both"):
            if (found := self.first_names[role].get(key)) is not None:
                return found
        raise KeyError(key)

    def top(self, role: str, n: int) -> list[tuple[str, int]]:
        ranked = sorted(
            self.counted[role].items(), key=lambda kv: (-kv[1], self.name(kv[0]).casefold())
        )
        return ranked[:n]

    def _key(self, role: str, n: int, first: dict | None) -> list[tuple[str, str, int]]:
        ranked = self.top(role, len(self.counted[role]))
        if first and first.get("id") in self.counted[role]:
            ranked.sort(key=lambda kc: kc[0] != first["id"])  # stable: the rest keep their rank
        return [(k, self.name(k), c) for k, c in ranked[:n]]

    # pieces ----------------------------------------------------------------------------

    def _row(self, entry: Entry, refs: str) -> str:
        place = entry.place()
        cells = [
            cell(entry.day or "undated"),
            cell(place[1] if place else ""),
            self._who(entry),
            self._what(entry),
            f"{self._toll_cell(entry, 'killed')} / {self._toll_cell(entry, 'wounded')}",
            self._confidence(entry),
            refs,
        ]
        return "| " + " | ".join(cells) + " |"

    def _toll_cell(self, entry: Entry, field_name: str) -> str:
        toll, why = self.toll(entry, field_name)
        if toll or not why:
            return _span(toll)
        return f"{_span(entry.toll(field_name))} (not counted: {why})"

    def _confidence(self, entry: Entry) -> str:
        """The entry's highest confidence, and whether its actor was read or inferred."""
        scores = [
            r["confidence"] for r in entry.reports if isinstance(r.get("confidence"), float | int)
        ]
        score = f"{max(scores):.2f}" if scores else "?"
        inferred = _inferred(entry)
        if not entry.names("actors"):
            actor = "no actor"
        elif inferred and len(inferred) == len(entry.names("actors")):
            actor = "actor inferred"
        elif inferred:
            actor = "actor partly inferred"
        else:
            actor = "actor read"
        return f"{score}, {actor}"

    def _who(self, entry: Entry) -> str:
        inferred = _inferred(entry)
        actors = (
            ", ".join(
                inline(name) + (" (inferred)" if key in inferred else "")
                for key, name in entry.names("actors")
            )
            or "?"
        )
        targets = ", ".join(inline(name) for _, name in entry.names("targets"))
        return f"{actors} → {targets}" if targets else actors

    def _what(self, entry: Entry) -> str:
        first = entry.first
        text = inline(_kind(first))
        if trigger := inline(first.get("trigger")):
            text += f": “{trigger}”"
        modality = first.get("modality") or "asserted"
        if modality != "asserted":
            text = f"{modality}: {text}"
        return text

    def _item(self, entry: Entry, refs: str) -> str:
        place = entry.place()
        toll = entry.toll("killed")
        parts = [
            entry.day or "undated",
            inline(place[1]) if place else "no place",
            self._who(entry),
            self._what(entry),
        ]
        if toll:
            parts.append(f"{self._toll_cell(entry, 'killed')} killed")
        parts.append(f"confidence {self._confidence(entry)}")
        return "- " + " · ".join(parts) + " " + refs

    def _summary(self, seen: _Involved, role: str) -> str:
        when = _between(seen.first, seen.last)
        if role == "places":
            head = f"{_plural(seen.events, 'event')} here {when}"
        else:
            head = (
                f"{_plural(seen.events, 'event')} {when}: {seen.as_actor} as actor, "
                f"{seen.events - seen.as_actor} as target"
            )
        if not seen.tolled:
            return f"{head}; no toll given that can be counted."
        return (
            f"{head}; at least {seen.killed:,} killed ({seen.tolled} of {seen.events} give a toll)."
        )

    def _sources(self) -> str:
        articles, outlets = len(self.article_ids), len(self.outlets)
        named = f"from {_plural(outlets, 'outlet')}" if outlets else "(outlets not given)"
        return f"{_plural(articles, 'article')} {named}"

    def _source(self, report: Event, articles: Mapping[str, Article]) -> str:
        article = articles.get(report.get("article_id", "")) or {}
        title = inline(article.get("title")) or "Untitled"
        outlet = inline(article.get("source")) or "unknown outlet"
        published = article.get("date") or "undated"
        sentence = inline(report.get("sentence")) or "(no sentence)"
        where = f"article {code(report.get('article_id'))}"
        if article.get("url"):
            where += f", {code(article['url'])}"
        score = report.get("confidence")
        how = f"confidence {score:.2f}" if isinstance(score, float | int) else "confidence ?"
        inferred = [inline(p.get("name")) for p in report.get("actors") or () if p.get("inferred")]
        if inferred:
            how += f"; actor inferred from the article, not read in the sentence: {', '.join(inferred)}"
        elif report.get("actors"):
            how += "; actor read in the sentence"
        return f"{title}. {outlet}, {published}. Evidence: “{sentence}” ({where}; {how})"


def _inferred(entry: Entry) -> set[str]:
    """Keys of the entry's actors that no report read in its sentence (all inferred)."""
    read, inferred = set(), set()
    for report in entry.reports:
        for p in report.get("actors") or ():
            key = p.get("id") or p.get("name") or p.get("text") or ""
            (inferred if p.get("inferred") else read).add(key)
    return inferred - read


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _spool() -> IO[str]:
    """Text set aside: in memory up to SPOOL characters, then in a temporary file."""
    return tempfile.SpooledTemporaryFile(max_size=SPOOL, mode="w+", encoding="utf-8")


def _played(spool: IO[str]) -> Iterator[str]:
    """What was written to ``spool``, a few MB at a time."""
    spool.seek(0)
    while part := spool.read(1 << 20):
        yield part
